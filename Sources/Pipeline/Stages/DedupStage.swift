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
/// their real look-alikes, not with their square. A lead that shares no key with an earlier one is unique
/// and nothing is written for it (most leads). The others are judged in Swift by `Deduplicator` on
/// decrypted profiles, in lead order, in committed chunks; each decision, with its reason, is appended to
/// `lead_dedup` by COPY. A resumed run recomputes the pairs and carries on after the last decided lead.
struct DedupStage: Stage {
    let name = StageName.dedup

    func run(_ context: StageContext) async throws {
        let window = context.definition.dedupWindowDays
        let day = context.date.description
        try await Self.waitForEarlierDays(context, window: window)
        // Enrich has just bulk-loaded the keys: the join needs their count, which a small sample gives.
        try await context.database.analyzeSample("lead_keys", columns: ["business_date", "key"])
        let started = ContinuousClock.now
        let pairs = try await Self.candidatePairs(context, window: window)
        context.logger.info("dedup: \(pairs.values.reduce(0) { $0 + $1.count }) pairs to compare for \(pairs.count) leads, found in \(started.duration(to: .now))")

        // Decisions are committed in lead order: the work left starts after the last decided lead.
        let after = try await context.database.rows("SELECT COALESCE(max(lead_id), 0) FROM lead_dedup WHERE business_date = \(day)::date")[0]
            .decode(Int64.self)
        // Duplicates of the window so far, lead → the lead it counts as (only duplicates: few).
        var roots: [Int64: Int64] = [:]
        for try await (lead, root) in try await context.database.connection.query("""
            SELECT lead_id, duplicate_of FROM lead_dedup
            WHERE business_date BETWEEN \(context.date.adding(days: -window).description)::date AND \(day)::date AND status = 'duplicate'
            """, logger: context.logger).decode((Int64, Int64).self) {
            roots[lead] = root
        }
        let compared = pairs.keys.sorted().filter { $0 > after }
        // The leads that share no key are unique without a word; count them once, with the first chunk.
        var uncompared: Int64 = 0
        if after == 0 {
            // Every valid lead has exactly one phone key, and the keys are narrow rows.
            uncompared = try await context.database.rows("""
                SELECT count(*) FROM lead_keys WHERE business_date = \(day)::date AND kind = \(DedupKey.Kind.phone.rawValue)
                """)[0].decode(Int64.self) - Int64(pairs.count)
        }
        if compared.isEmpty {
            if uncompared > 0 { try await context.commitChunk { _ in .init(rowsIn: uncompared, rowsOut: uncompared) } }
            return
        }
        for start in stride(from: 0, to: compared.count, by: context.definition.chunkSize) {
            let chunk = compared[start..<min(start + context.definition.chunkSize, compared.count)]
            var wanted = Set(chunk)
            for id in chunk { wanted.formUnion(pairs[id]!) }
            let profiles = try await Self.profiles(Array(wanted), context: context)
            var rows = CopyEncoder()
            var duplicates: Int64 = 0
            var related: [Int64] = [], relatedTo: [Int64] = []
            var late: [(lead: Int64, of: Int64, by: Int64)] = []
            for id in chunk {
                guard let lead = profiles[id] else { continue }
                let candidates = pairs[id]!.compactMap { profiles[$0] }
                    .sorted { ($0.date, $0.profile.id) < ($1.date, $1.profile.id) }
                    .map { Deduplicator.Candidate(profile: $0.profile, root: roots[$0.profile.id] ?? $0.profile.id) }
                let decision = Deduplicator.decide(lead.profile, against: candidates)
                if let root = decision.duplicateOf {
                    roots[id] = root
                    duplicates += 1
                    for other in decision.alsoSameJob { late.append((max(root, other), min(root, other), id)) }
                }
                if let earlier = decision.relatedTo {
                    related.append(id)
                    relatedTo.append(earlier)
                }
                rows.integer(id)
                rows.text(day)
                rows.text(decision.status.rawValue)
                rows.integer(decision.duplicateOf)
                rows.integer(decision.relatedTo)
                rows.bool(decision.exactContact)
                rows.text(decision.reason)
                rows.integer(decision.comparedWith)
                rows.bool(decision.phoneOneSlipAway)
                rows.endRow()
            }
            let count = Int64(chunk.count) + (start == 0 ? uncompared : 0)
            try await context.commitChunk { connection in
                let buffer = rows.take()
                try await connection.copyFrom(
                    table: "lead_dedup",
                    columns: ["lead_id", "business_date", "status", "duplicate_of", "related_to", "exact_contact", "reason", "compared_with", "phone_near"],
                    logger: context.logger
                ) { writer in try await writer.write(buffer) }
                if !late.isEmpty {
                    // Earlier leads this one shows to be one job: the later of each pair was a duplicate all along.
                    try await connection.query("""
                        INSERT INTO late_duplicates (lead_id, duplicate_of, found_by, business_date)
                        SELECT lead, of, by, \(day)::date FROM unnest(\(late.map(\.lead)), \(late.map(\.of)), \(late.map(\.by))) AS t(lead, of, by)
                        ON CONFLICT DO NOTHING
                        """, logger: context.logger)
                }
                if !related.isEmpty {
                    // Someone who asked before for another job: a little less likely to hire, and it says so.
                    _ = try await connection.query("""
                        UPDATE leads l SET quality = GREATEST(l.quality - 5, 0),
                            quality_reasons = l.quality_reasons || ('asked before for another job (lead ' || r.earlier || ') (−5)')
                        FROM unnest(\(related)::bigint[], \(relatedTo)::bigint[]) AS r(id, earlier) WHERE l.id = r.id
                        """, logger: context.logger)
                }
                return .init(rowsIn: count, rowsOut: count - duplicates, rowsRejected: duplicates)
            }
        }
        try await context.database.execute("ANALYZE lead_dedup")  // for match, which reads it next
    }

    /// For each lead of the day, the earlier leads of the window (earlier days, or lower ids the
    /// same day) that share a blocking key with it.
    /// Waits until every earlier day of the window is enriched (another process may be running it side
    /// by side), checking every second for `dedup_wait_seconds`; then gives up with exit 75, nothing
    /// decided, so that no repeat of an earlier day is sold as a new lead.
    static func waitForEarlierDays(_ context: StageContext, window: Int) async throws {
        let ledger = RunLedger(database: context.database)
        let from = context.date.adding(days: -window)
        var waited = 0
        while true {
            let days = try await ledger.daysAwaitingEnrich(pipeline: context.definition.name, from: from, before: context.date)
            if days.isEmpty { return }
            guard waited < context.definition.dedupWaitSeconds else {
                throw RunError(.waiting, """
                    dedup of \(context.date) waits for \(days.joined(separator: ", ")) to be enriched (its leads are in this day's \
                    \(window)-day window); run \(days.count == 1 ? "that day" : "those days") first, or again when \(days.count == 1 ? "it is" : "they are") done
                    """)
            }
            if waited == 0 { context.logger.notice("dedup: waiting for \(days.joined(separator: ", ")) to be enriched first") }
            try await Task.sleep(for: .seconds(1))
            waited += 1
        }
    }

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
    }

    /// The comparable profiles of `ids`, decrypted (one slice of the rows per core).
    static func profiles(_ ids: [Int64], context: StageContext) async throws -> [Int64: Stored] {
        let cipher = context.services.cipher
        var profiles: [Int64: Stored] = [:]
        profiles.reserveCapacity(ids.count)
        for slice in stride(from: 0, to: ids.count, by: 10_000).map({ Array(ids[$0..<min($0 + 10_000, ids.count)]) }) {
            let rows = try await context.database.rows("""
                SELECT id, business_date::text, service, zip, name_enc, phone_enc, email_enc, street_enc
                FROM leads WHERE id = ANY(\(slice))
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
        let (id, date, service, zip, name, phone, email, street) =
            try row.decode((Int64, String, String, String?, Data?, Data?, Data?, Data?).self)
        let profile = DedupProfile(
            id: id, service: ServiceType(rawValue: service) ?? .other, zip: zip, phone: try cipher.decrypt(phone),
            email: try cipher.decrypt(email), name: try cipher.decrypt(name), street: try cipher.decrypt(street))
        return Stored(profile: profile, date: date)
    }
}
