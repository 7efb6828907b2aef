import Enrich
import Foundation
import LeadModel
import PostgresNIO
import Store

/// Decides each valid lead of the day unique or a duplicate — one lead per person and job across files,
/// platforms and the window's earlier days — and links a person's new job to their earlier lead.
///
/// Blocking happens in the database: one join of the day's blocking keys (`lead_keys`, written by enrich)
/// with the window's gives every pair of leads worth comparing, so the work grows with the leads and
/// their real look-alikes, not with their square. The pairs are judged in Swift by `Deduplicator` on
/// decrypted profiles (only leads in some pair are decrypted), in lead order, one committed chunk at a
/// time, the decisions appended to `lead_dedup` by COPY: a resumed run recomputes the pairs and carries
/// on after the last committed lead.
struct DedupStage: Stage {
    let name = StageName.dedup

    func run(_ context: StageContext) async throws {
        let window = context.definition.dedupWindowDays
        try await context.database.execute("ANALYZE lead_keys")
        let started = ContinuousClock.now
        let pairs = try await Self.candidatePairs(context, window: window)
        context.logger.info("dedup: \(pairs.values.reduce(0) { $0 + $1.count }) pairs to compare for \(pairs.count) leads, found in \(started.duration(to: .now))")
        let day = context.date.description
        // Decisions are committed in lead order, so the decided leads of the day are a prefix.
        var after = try await context.database.rows("SELECT COALESCE(max(lead_id), 0) FROM lead_dedup WHERE business_date = \(day)::date")[0]
            .decode(Int64.self)
        var roots: [Int64: Int64] = [:]  // decided in this run: lead → the lead it counts as
        while true {
            let chunk = try await context.database.rows("""
                SELECT id FROM leads WHERE business_date = \(day)::date AND valid AND id > \(after) ORDER BY id LIMIT \(context.definition.chunkSize)
                """).map { try $0.decode(Int64.self) }
            guard let last = chunk.last else { return }
            let compared = chunk.filter { pairs[$0] != nil }
            var wanted = Set(compared)
            for id in compared { wanted.formUnion(pairs[id]!) }
            let profiles = try await Self.profiles(Array(wanted), context: context)
            var rows = CopyEncoder()
            var duplicates: Int64 = 0
            var related: [Int64] = []
            for id in chunk {
                var decision = DedupDecision.noCandidates
                if let earlier = pairs[id], let lead = profiles[id] {
                    let candidates = earlier.compactMap { profiles[$0] }
                        .sorted { ($0.date, $0.profile.id) < ($1.date, $1.profile.id) }
                        .map { Deduplicator.Candidate(profile: $0.profile, root: roots[$0.profile.id] ?? $0.root) }
                    decision = Deduplicator.decide(lead.profile, against: candidates)
                    roots[id] = decision.duplicateOf ?? id
                }
                if decision.status == .duplicate { duplicates += 1 }
                if decision.relatedTo != nil { related.append(id) }
                rows.integer(id)
                rows.text(day)
                rows.text(decision.status.rawValue)
                rows.integer(decision.duplicateOf)
                rows.integer(decision.relatedTo)
                rows.bool(decision.exactContact)
                rows.text(decision.reason)
                rows.endRow()
            }
            let count = Int64(chunk.count)
            try await context.commitChunk { connection in
                let buffer = rows.take()
                try await connection.copyFrom(
                    table: "lead_dedup", columns: ["lead_id", "business_date", "status", "duplicate_of", "related_to", "exact_contact", "reason"],
                    logger: context.logger
                ) { writer in try await writer.write(buffer) }
                if !related.isEmpty {
                    // Someone who asked before for another job: a little less likely to hire, and it says so.
                    _ = try await connection.query("""
                        UPDATE leads l SET quality = GREATEST(l.quality - 5, 0),
                            quality_reasons = l.quality_reasons || ('asked before for another job (lead ' || d.related_to || ') (−5)')
                        FROM lead_dedup d WHERE d.lead_id = l.id AND l.id = ANY(\(related))
                        """, logger: context.logger)
                }
                return .init(rowsIn: count, rowsOut: count - duplicates, rowsRejected: duplicates)
            }
            after = last
        }
    }

    /// For each lead of the day, the earlier leads of the window (earlier days, or lower ids the
    /// same day) that share a blocking key with it.
    static func candidatePairs(_ context: StageContext, window: Int) async throws -> [Int64: [Int64]] {
        let day = context.date.description, start = context.date.adding(days: -window).description
        var pairs: [Int64: [Int64]] = [:]
        let rows = try await context.database.connection.query("""
            SELECT k.lead_id, e.lead_id
            FROM lead_keys k JOIN lead_keys e ON e.key = k.key AND e.kind = k.kind
            WHERE k.business_date = \(day)::date AND e.business_date BETWEEN \(start)::date AND \(day)::date
              AND (e.business_date < k.business_date OR e.lead_id < k.lead_id)
            """, logger: context.logger)
        for try await (lead, earlier) in rows.decode((Int64, Int64).self) {
            pairs[lead, default: []].append(earlier)
        }
        for (lead, earlier) in pairs where earlier.count > 1 { pairs[lead] = Array(Set(earlier)) }
        return pairs
    }

    struct Stored {
        var profile: DedupProfile
        var date: String
        /// The lead it counts as: itself, or the lead it duplicates.
        var root: Int64
    }

    /// The comparable profiles of `ids`, decrypted.
    static func profiles(_ ids: [Int64], context: StageContext) async throws -> [Int64: Stored] {
        let cipher = context.services.cipher
        var profiles: [Int64: Stored] = [:]
        for slice in stride(from: 0, to: ids.count, by: 10_000).map({ Array(ids[$0..<min($0 + 10_000, ids.count)]) }) {
            let rows = try await context.database.rows("""
                SELECT l.id, l.business_date::text, l.service, l.zip, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, d.duplicate_of
                FROM leads l LEFT JOIN lead_dedup d ON d.lead_id = l.id WHERE l.id = ANY(\(slice))
                """)
            for row in rows {
                let (id, date, service, zip, name, phone, email, street, duplicateOf) =
                    try row.decode((Int64, String, String, String?, Data?, Data?, Data?, Data?, Int64?).self)
                let profile = DedupProfile(
                    id: id, service: ServiceType(rawValue: service) ?? .other, zip: zip, phone: try cipher.decrypt(phone),
                    email: try cipher.decrypt(email), name: try cipher.decrypt(name), street: try cipher.decrypt(street))
                profiles[id] = Stored(profile: profile, date: date, root: duplicateOf ?? id)
            }
        }
        return profiles
    }
}
