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

    /// A decision row is a few bytes, against a lead's kilobyte in enrich: chunks hold this many times the
    /// pipeline's chunk size, so commits do not dominate.
    static let chunkScale = 10

    func run(_ context: StageContext) async throws {
        let window = context.definition.dedupWindowDays
        // Enrich has just bulk-loaded both: without fresh statistics the chunk query below sorts the rest of
        // the day's leads every chunk (measured: 110 ms a chunk at 200,000 leads, growing with the day).
        // The plans need row counts and the date and id ranges, not fine histograms: a small sample does.
        try await context.database.execute("SET default_statistics_target = 10")
        try await context.database.execute("ANALYZE leads (id, business_date, valid), lead_keys (business_date, key)")
        try await context.database.execute("RESET default_statistics_target")
        let started = ContinuousClock.now
        let pairs = try await Self.candidatePairs(context, window: window)
        context.logger.info("dedup: \(pairs.values.reduce(0) { $0 + $1.count }) pairs to compare for \(pairs.count) leads, found in \(started.duration(to: .now))")
        let day = context.date.description
        // Decisions are committed in lead order, so the decided leads of the day are a prefix.
        var after = try await context.database.rows("SELECT COALESCE(max(lead_id), 0) FROM lead_dedup WHERE business_date = \(day)::date")[0]
            .decode(Int64.self)
        var roots: [Int64: Int64] = [:]  // decided in this run: lead → the lead it counts as
        let compared = pairs.keys.sorted()  // the leads with something to compare, in order
        var next = compared.firstIndex { $0 > after } ?? compared.count
        let size = context.definition.chunkSize * Self.chunkScale
        while true {
            // The chunk ends at the size-th valid lead still to decide (or the day's last one).
            let bound = try await context.database.rows("""
                SELECT max(id) FROM (SELECT id FROM leads WHERE business_date = \(day)::date AND valid AND id > \(after) ORDER BY id LIMIT \(size)) c
                """)[0].decode(Int64?.self)
            guard let last = bound else {
                try await context.database.execute("ANALYZE lead_dedup")  // for match, which reads it next
                return
            }
            var withPairs: [Int64] = []
            while next < compared.count, compared[next] <= last {
                withPairs.append(compared[next])
                next += 1
            }
            var wanted = Set(withPairs)
            for id in withPairs { wanted.formUnion(pairs[id]!) }
            let profiles = try await Self.profiles(Array(wanted), context: context)
            var rows = CopyEncoder()
            var duplicates: Int64 = 0
            var related: [Int64] = []
            for id in withPairs {
                guard let lead = profiles[id] else { continue }
                let candidates = pairs[id]!.compactMap { profiles[$0] }
                    .sorted { ($0.date, $0.profile.id) < ($1.date, $1.profile.id) }
                    .map { Deduplicator.Candidate(profile: $0.profile, root: roots[$0.profile.id] ?? $0.root) }
                let decision = Deduplicator.decide(lead.profile, against: candidates)
                roots[id] = decision.duplicateOf ?? id
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
            let lower = after
            try await context.commitChunk { connection in
                let buffer = rows.take()
                try await connection.copyFrom(
                    table: "lead_dedup", columns: ["lead_id", "business_date", "status", "duplicate_of", "related_to", "exact_contact", "reason"],
                    logger: context.logger
                ) { writer in try await writer.write(buffer) }
                // Every other lead of the chunk shares no key with an earlier one: unique, with nothing to
                // say (reason NULL), written by the server without a round trip per lead.
                let rows = try await connection.query("""
                    WITH added AS (
                        INSERT INTO lead_dedup (lead_id, business_date, status)
                        SELECT id, business_date, 'unique' FROM leads
                        WHERE business_date = \(day)::date AND valid AND id > \(lower) AND id <= \(last)
                          AND id NOT IN (SELECT unnest(\(withPairs)::bigint[]))
                        RETURNING 1)
                    SELECT count(*) FROM added
                    """, logger: context.logger).collect()
                let count = try Int64(withPairs.count) + rows[0].decode(Int64.self)
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
            FROM lead_keys k JOIN lead_keys e ON e.key = k.key
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

    /// The comparable profiles of `ids`, decrypted (one slice of the rows per core).
    static func profiles(_ ids: [Int64], context: StageContext) async throws -> [Int64: Stored] {
        let cipher = context.services.cipher
        var profiles: [Int64: Stored] = [:]
        profiles.reserveCapacity(ids.count)
        for slice in stride(from: 0, to: ids.count, by: 10_000).map({ Array(ids[$0..<min($0 + 10_000, ids.count)]) }) {
            let rows = try await context.database.rows("""
                SELECT l.id, l.business_date::text, l.service, l.zip, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, d.duplicate_of
                FROM leads l LEFT JOIN lead_dedup d ON d.lead_id = l.id WHERE l.id = ANY(\(slice))
                """)
            try await withThrowingTaskGroup(of: [Stored].self) { group in
                for range in EnrichStage.slices(rows.count, parts: EnrichStage.workers) {
                    let part = Array(rows[range])
                    group.addTask { try part.map { try Self.stored($0, cipher: cipher) } }
                }
                for try await part in group {
                    for stored in part { profiles[stored.profile.id] = stored }
                }
            }
        }
        return profiles
    }

    static func stored(_ row: PostgresRow, cipher: PIICipher) throws -> Stored {
        let (id, date, service, zip, name, phone, email, street, duplicateOf) =
            try row.decode((Int64, String, String, String?, Data?, Data?, Data?, Data?, Int64?).self)
        let profile = DedupProfile(
            id: id, service: ServiceType(rawValue: service) ?? .other, zip: zip, phone: try cipher.decrypt(phone),
            email: try cipher.decrypt(email), name: try cipher.decrypt(name), street: try cipher.decrypt(street))
        return Stored(profile: profile, date: date, root: duplicateOf ?? id)
    }
}
