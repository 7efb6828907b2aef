import Enrich
import Foundation
import LeadModel
import Logging
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
        let start = context.date.adding(days: -window)
        let dedup = DedupRepository(context.database.session)
        try await Self.waitForEarlierDays(context, window: window)
        try await dedup.refreshKeyStatistics()
        let started = ContinuousClock.now
        let pairs = try await dedup.candidatePairs(day: context.date, from: start)
        context.logger.info("dedup: \(pairs.values.reduce(0) { $0 + $1.count }) pairs to compare for \(pairs.count) leads, found in \(started.duration(to: .now))")

        // Decisions are committed in lead order: the work left starts after the last decided lead.
        let after = try await dedup.lastDecided(day: context.date)
        // Duplicates of the window so far, lead → the lead it counts as (only duplicates: few).
        var roots = try await dedup.duplicateRoots(from: start, to: context.date)
        let compared = pairs.keys.sorted().filter { $0 > after }
        // The leads that share no key are unique without a word; count them once, with the first chunk.
        var uncompared: Int64 = 0
        if after == 0 {
            // Every valid lead has exactly one phone key, and the keys are narrow rows.
            uncompared = try await dedup.keyCount(day: context.date, kind: DedupKey.Kind.phone.rawValue) - Int64(pairs.count)
        }
        if compared.isEmpty {
            if uncompared > 0 { try await context.commitChunk { _ in .init(rowsIn: uncompared, rowsOut: uncompared) } }
            return
        }
        for start in stride(from: 0, to: compared.count, by: context.definition.chunkSize) {
            let chunk = compared[start..<min(start + context.definition.chunkSize, compared.count)]
            var wanted = Set(chunk)
            for id in chunk { wanted.formUnion(pairs[id]!) }
            let profiles = try await Self.profiles(Array(wanted), dedup: dedup, cipher: context.services.cipher)
            var decisions: [DedupRepository.Decision] = []
            var late: [DedupRepository.LateDuplicate] = []
            var rescored: [(leadID: Int64, quality: Int, reasons: [String])] = []
            for id in chunk {
                guard let lead = profiles[id] else { continue }
                let candidates = pairs[id]!.compactMap { profiles[$0] }
                    .sorted { ($0.date, $0.profile.id) < ($1.date, $1.profile.id) }
                    .map { Deduplicator.Candidate(profile: $0.profile, root: roots[$0.profile.id] ?? $0.profile.id) }
                let decision = Deduplicator.decide(lead.profile, against: candidates)
                if let root = decision.duplicateOf {
                    roots[id] = root
                    for other in decision.alsoSameJob { late.append(.init(lead: max(root, other), of: min(root, other), by: id)) }
                }
                if let earlier = decision.relatedTo {
                    var score = lead.quality
                    score.deductAskedBefore(earlierLead: earlier)
                    rescored.append((id, score.value, score.reasons))
                }
                decisions.append(DedupRepository.Decision(
                    leadID: id, status: decision.status.rawValue, duplicateOf: decision.duplicateOf, relatedTo: decision.relatedTo,
                    exactContact: decision.exactContact, reason: decision.reason, comparedWith: decision.comparedWith,
                    phoneNear: decision.phoneOneSlipAway))
            }
            let duplicates = Int64(decisions.filter { $0.duplicateOf != nil }.count)
            let count = Int64(chunk.count) + (start == 0 ? uncompared : 0)
            try await context.commitChunk { transaction in
                let dedup = DedupRepository(transaction)
                try await dedup.insert(decisions, day: context.date)
                try await dedup.insert(late, day: context.date)
                try await dedup.setQuality(rescored)
                return .init(rowsIn: count, rowsOut: count - duplicates, rowsRejected: duplicates)
            }
        }
        try await dedup.refreshDecisionStatistics()
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

    /// A lead as dedup compares it.
    struct Stored {
        var profile: DedupProfile
        var date: String
        var quality: QualityScore
    }

    /// The comparable profiles of `ids`, decrypted (one slice of the rows per core).
    static func profiles(_ ids: [Int64], dedup: DedupRepository, cipher: PIICipher) async throws -> [Int64: Stored] {
        let contacts = try await dedup.contacts(ids)
        var profiles: [Int64: Stored] = [:]
        profiles.reserveCapacity(contacts.count)
        try await withThrowingTaskGroup(of: [Stored].self) { group in
            for range in EnrichStage.slices(contacts.count, parts: EnrichStage.workers) {
                let part = Array(contacts[range])
                group.addTask { try part.map { try Self.stored($0, cipher: cipher) } }
            }
            for try await part in group {
                for stored in part { profiles[stored.profile.id] = stored }
            }
        }
        return profiles
    }

    static func stored(_ contact: DedupRepository.StoredContact, cipher: PIICipher) throws -> Stored {
        let (name, phone, email, street) = try contact.decrypted(using: cipher)
        let profile = DedupProfile(id: contact.id, service: contact.service, zip: contact.zip, phone: phone, email: email, name: name, street: street)
        return Stored(profile: profile, date: contact.date, quality: QualityScore(value: contact.quality, reasons: contact.qualityReasons))
    }
}
