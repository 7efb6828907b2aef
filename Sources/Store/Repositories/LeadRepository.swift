import Foundation
import LeadModel
import PostgresNIO

/// The day's raw leads as enrich reads them, and the enriched leads and their dedup blocking keys it writes
/// (`leads`, `lead_keys`).
public struct LeadRepository: Sendable {
    /// A raw lead as stored: its payload still encrypted (decrypted by `rawLead(using:)`, on any core).
    public struct StoredRawLead: Sendable {
        public var id: Int64
        public var platform: Platform
        var platformLeadID: String
        var line: Int
        var isTest: Bool
        var payload: Data

        /// The lead as it was read from the export.
        public func rawLead(using cipher: PIICipher) throws -> RawLead {
            let decoded = try LeadPayload.decode(try cipher.decryptBytes(payload))
            return RawLead(
                platform: platform, platformLeadID: platformLeadID, line: line, isTest: isTest, answers: decoded.answers, extra: decoded.extra)
        }
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Refreshes the statistics of `raw_leads` after ingest's bulk load, so the chunk query stays on its
    /// index (with stale ones the planner expects a handful of rows and sorts the whole rest of the day).
    public func refreshRawLeadStatistics() async throws {
        try await session.analyzeSample("raw_leads", columns: ["id", "business_date"])
    }

    /// The last raw lead of `day` enriched so far (chunks go in raw-lead order), 0 for none.
    public func lastEnrichedRawLead(day: BusinessDate) async throws -> Int64 {
        try await session.value("SELECT COALESCE(max(raw_lead_id), 0) FROM leads WHERE business_date = \(day.description)::date")
    }

    /// The next raw leads of `day` after `after`, in id order.
    public func rawLeads(day: BusinessDate, after: Int64, limit: Int) async throws -> [StoredRawLead] {
        try await decode(session.rows("""
            SELECT r.id, r.platform, r.platform_lead_id, r.line_no, r.is_test, r.payload_enc
            FROM raw_leads r
            WHERE r.business_date = \(day.description)::date AND r.id > \(after)
            ORDER BY r.id LIMIT \(limit)
            """))
    }

    /// Raw leads of `day` not enriched yet, whatever their id (one arrived out of order).
    public func rawLeadsNotEnriched(day: BusinessDate, limit: Int) async throws -> [StoredRawLead] {
        try await decode(session.rows("""
            SELECT r.id, r.platform, r.platform_lead_id, r.line_no, r.is_test, r.payload_enc
            FROM raw_leads r
            WHERE r.business_date = \(day.description)::date AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.raw_lead_id = r.id)
            ORDER BY r.id LIMIT \(limit)
            """))
    }

    /// `count` lead ids drawn from the sequence, so leads and their keys go in by COPY together.
    public func reserveIDs(_ count: Int) async throws -> [Int64] {
        try await session.rows("SELECT nextval('leads_id_seq') FROM generate_series(1, \(count))").map { try $0.decode(Int64.self) }
    }

    /// Writes enriched leads and their keys (in the chunk's transaction).
    public func insert(_ rows: EnrichedRows) async throws {
        try await session.copy(rows.leads.buffer, into: "leads", columns: EnrichedRows.leadColumns)
        try await session.copy(rows.keys.buffer, into: "lead_keys", columns: ["key", "kind", "lead_id", "business_date"])
    }

    private func decode(_ rows: [PostgresRow]) throws -> [StoredRawLead] {
        try rows.map { row in
            let (id, platform, platformID, line, isTest, payload) = try row.decode((Int64, String, String, Int, Bool, Data).self)
            return StoredRawLead(
                id: id, platform: Platform(rawValue: platform) ?? .meta, platformLeadID: platformID, line: line, isTest: isTest, payload: payload)
        }
    }
}
