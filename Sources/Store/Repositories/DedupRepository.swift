import Foundation
import LeadModel
import PostgresNIO

/// What dedup reads and writes: the blocking keys (`lead_keys`), the leads' contact data to compare, the
/// decisions (`lead_dedup`), the earlier pairs a lead shows to be one job (`late_duplicates`), and the
/// quality of a lead found to be a returning customer.
public struct DedupRepository: Sendable {
    /// A lead's comparable fields, still encrypted (decrypted by `decrypted(using:)`, on any core).
    public struct StoredContact: Sendable {
        public var id: Int64
        /// The lead's business day, `YYYY-MM-DD`.
        public var date: String
        public var service: ServiceType
        public var zip: String?
        public var quality: Int
        public var qualityReasons: [String]
        var name, phone, email, street: Data?

        /// The name, phone, email and street line in clear.
        public func decrypted(using cipher: PIICipher) throws -> (name: String?, phone: String?, email: String?, street: String?) {
            (try cipher.decrypt(name), try cipher.decrypt(phone), try cipher.decrypt(email), try cipher.decrypt(street))
        }
    }

    /// One decision as stored.
    public struct Decision: Sendable {
        public var leadID: Int64
        public var status: String
        public var duplicateOf: Int64?
        public var relatedTo: Int64?
        public var exactContact: Bool
        public var reason: String
        public var comparedWith: Int64?
        public var phoneNear: Bool

        public init(
            leadID: Int64, status: String, duplicateOf: Int64?, relatedTo: Int64?, exactContact: Bool, reason: String, comparedWith: Int64?,
            phoneNear: Bool
        ) {
            (self.leadID, self.status, self.duplicateOf, self.relatedTo, self.exactContact, self.reason, self.comparedWith, self.phoneNear) =
                (leadID, status, duplicateOf, relatedTo, exactContact, reason, comparedWith, phoneNear)
        }
    }

    /// An earlier lead a later one shows to be a duplicate of another (`lead` counts as `of`, found by `by`).
    public struct LateDuplicate: Sendable {
        public var lead, of, by: Int64
        public init(lead: Int64, of: Int64, by: Int64) { (self.lead, self.of, self.by) = (lead, of, by) }
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Refreshes the statistics of the keys enrich has just bulk-loaded: the join needs their count.
    public func refreshKeyStatistics() async throws {
        try await session.analyzeSample("lead_keys", columns: ["business_date", "key"])
    }

    /// Refreshes the statistics of the decisions, for match, which reads them next.
    public func refreshDecisionStatistics() async throws {
        try await session.execute("ANALYZE lead_dedup")
    }

    /// For each lead of `day`, the earlier leads of the window (earlier days from `start`, or lower ids the
    /// same day) that share a blocking key with it: one join of the day's keys with the window's.
    public func candidatePairs(day: BusinessDate, from start: BusinessDate) async throws -> [Int64: [Int64]] {
        var pairs: [Int64: [Int64]] = [:]
        let rows = try await session.connection.query("""
            SELECT k.lead_id, e.lead_id
            FROM lead_keys k JOIN lead_keys e ON e.key = k.key
            WHERE k.business_date = \(day.description)::date AND e.business_date BETWEEN \(start.description)::date AND \(day.description)::date
              AND (e.business_date < k.business_date OR e.lead_id < k.lead_id)
            """, logger: session.logger)
        for try await (lead, earlier) in rows.decode((Int64, Int64).self) {
            pairs[lead, default: []].append(earlier)
        }
        for (lead, earlier) in pairs where earlier.count > 1 { pairs[lead] = Array(Set(earlier)) }
        return pairs
    }

    /// The last lead of `day` decided so far (decisions are committed in lead order), 0 for none.
    public func lastDecided(day: BusinessDate) async throws -> Int64 {
        try await session.value("SELECT COALESCE(max(lead_id), 0) FROM lead_dedup WHERE business_date = \(day.description)::date")
    }

    /// The duplicates decided from `start` to `day`: lead → the lead it counts as.
    public func duplicateRoots(from start: BusinessDate, to day: BusinessDate) async throws -> [Int64: Int64] {
        var roots: [Int64: Int64] = [:]
        for try await (lead, root) in try await session.connection.query("""
            SELECT lead_id, duplicate_of FROM lead_dedup
            WHERE business_date BETWEEN \(start.description)::date AND \(day.description)::date AND status = 'duplicate'
            """, logger: session.logger).decode((Int64, Int64).self) {
            roots[lead] = root
        }
        return roots
    }

    /// How many keys of `kind` the leads of `day` have (every valid lead has exactly one phone key).
    public func keyCount(day: BusinessDate, kind: Int16) async throws -> Int64 {
        try await session.value("SELECT count(*) FROM lead_keys WHERE business_date = \(day.description)::date AND kind = \(kind)")
    }

    /// The comparable fields of the leads `ids`, encrypted.
    public func contacts(_ ids: [Int64]) async throws -> [StoredContact] {
        var contacts: [StoredContact] = []
        contacts.reserveCapacity(ids.count)
        for slice in stride(from: 0, to: ids.count, by: 10_000).map({ Array(ids[$0..<min($0 + 10_000, ids.count)]) }) {
            for row in try await session.rows("""
                SELECT id, business_date::text, service, zip, quality::int, quality_reasons, name_enc, phone_enc, email_enc, street_enc
                FROM leads WHERE id = ANY(\(slice))
                """) {
                let (id, date, service, zip, quality, reasons, name, phone, email, street) =
                    try row.decode((Int64, String, String, String?, Int, [String], Data?, Data?, Data?, Data?).self)
                contacts.append(StoredContact(
                    id: id, date: date, service: ServiceType(rawValue: service) ?? .other, zip: zip, quality: quality, qualityReasons: reasons,
                    name: name, phone: phone, email: email, street: street))
            }
        }
        return contacts
    }

    /// Appends decisions of `day` by COPY (in the chunk's transaction).
    public func insert(_ decisions: [Decision], day: BusinessDate) async throws {
        var rows = CopyEncoder()
        for decision in decisions {
            rows.integer(decision.leadID)
            rows.text(day.description)
            rows.text(decision.status)
            rows.integer(decision.duplicateOf)
            rows.integer(decision.relatedTo)
            rows.bool(decision.exactContact)
            rows.text(decision.reason)
            rows.integer(decision.comparedWith)
            rows.bool(decision.phoneNear)
            rows.endRow()
        }
        try await session.copy(
            rows.take(), into: "lead_dedup",
            columns: ["lead_id", "business_date", "status", "duplicate_of", "related_to", "exact_contact", "reason", "compared_with", "phone_near"])
    }

    /// Records earlier leads shown to be one job: the later of each pair was a duplicate all along.
    public func insert(_ late: [LateDuplicate], day: BusinessDate) async throws {
        guard !late.isEmpty else { return }
        try await session.execute("""
            INSERT INTO late_duplicates (lead_id, duplicate_of, found_by, business_date)
            SELECT lead, of, by, \(day.description)::date FROM unnest(\(late.map(\.lead)), \(late.map(\.of)), \(late.map(\.by))) AS t(lead, of, by)
            ON CONFLICT DO NOTHING
            """)
    }

    /// Replaces the quality score and its reasons of the given leads.
    public func setQuality(_ scores: [(leadID: Int64, quality: Int, reasons: [String])]) async throws {
        guard !scores.isEmpty else { return }
        // The reasons travel as one text per lead (unnest would flatten a text[][]); the separator is in no reason.
        let separator = "\u{1F}"
        try await session.execute("""
            UPDATE leads l SET quality = s.quality, quality_reasons = CASE WHEN s.reasons = '' THEN '{}' ELSE string_to_array(s.reasons, \(separator)) END
            FROM unnest(\(scores.map(\.leadID))::bigint[], \(scores.map(\.quality))::int[], \(scores.map { $0.reasons.joined(separator: separator) })::text[])
                 AS s(id, quality, reasons)
            WHERE l.id = s.id
            """)
    }
}
