import Foundation
import Ingest
import LeadModel
import Logging
import PostgresNIO
import Store

/// The all-text staging table ingest COPYs into, and the set-based SQL that moves its rows to
/// raw_leads, campaign_spend and rejected_rows.
enum IngestStaging {
    static let table = "ingest_staging"

    static let create: PostgresQuery = """
        CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
            kind text, line_no integer, platform text, platform_lead_id text, created_at timestamptz,
            campaign_id text, campaign_name text, form_id text, is_test boolean, payload_enc bytea,
            reason text, day date, currency text, cost_cents bigint, impressions bigint, clicks bigint
        ) ON COMMIT DELETE ROWS
        """

    static let columns = [
        "kind", "line_no", "platform", "platform_lead_id", "created_at", "campaign_id", "campaign_name", "form_id", "is_test",
        "payload_enc", "reason", "day", "currency", "cost_cents", "impressions", "clicks",
    ]

    static func encode(_ record: ExportRecord, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        switch record {
        case .lead(let lead): try encode(lead: lead, cipher: cipher, into: &encoder)
        case .spend(let row): encode(spend: row, into: &encoder)
        case .rejected(let row): try encode(rejected: row, cipher: cipher, into: &encoder)
        }
    }

    static func encode(lead: RawLead, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.text("lead")
        encoder.integer(lead.line)
        encoder.text(lead.platform.rawValue)
        encoder.text(lead.platformLeadID)
        encoder.text(lead.createdAt.map(postgresTimestamp))
        encoder.text(lead.campaignID)
        encoder.text(lead.campaignName)
        encoder.text(lead.formID)
        encoder.bool(lead.isTest)
        encoder.bytes(try cipher.encrypt(bytes: LeadPayload.encode(lead)))
        for _ in 0..<6 { encoder.text(nil) }
        encoder.endRow()
    }

    /// `2026-11-24 17:18:23+00`, what PostgreSQL's timestamptz input reads, without a formatter per row.
    static func postgresTimestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Four digits always: PostgreSQL reads a year written `1` as 2001.
        let year = String(parts.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))+00"
    }

    static func encode(spend: SpendRow, into encoder: inout CopyEncoder) {
        encoder.text("spend")
        encoder.integer(spend.line)
        encoder.text(spend.platform.rawValue)
        encoder.text(nil)
        encoder.text(nil)
        encoder.text(spend.campaignID)
        encoder.text(spend.campaignName)
        encoder.text(nil)
        encoder.text(nil)
        encoder.bytes(nil)
        encoder.text(nil)
        encoder.text(spend.day.description)
        encoder.text(spend.cost.currency)
        encoder.integer(spend.cost.cents)
        encoder.integer(spend.impressions)
        encoder.integer(spend.clicks)
        encoder.endRow()
    }

    static func encode(rejected: RejectedRow, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.text("rejected")
        encoder.integer(rejected.line)
        for _ in 0..<7 { encoder.text(nil) }
        encoder.bytes(try cipher.encrypt(rejected.raw))
        encoder.text(rejected.reason)
        for _ in 0..<5 { encoder.text(nil) }
        encoder.endRow()
    }

    /// Moves staged rows into their tables; returns how many leads and spend rows were new.
    /// Spend a file replaces: the same campaign and day loaded before from another file, with another amount.
    struct ReplacedSpend: Sendable, Equatable {
        var platform, campaign, day, file: String
        var before: Money
        var after: Money

        var description: String { "\(platform) \"\(campaign)\" \(day): \(before) from \(file) → \(after)" }
    }

    static func publish(
        fileID: Int64, date: BusinessDate, connection: PostgresConnection, logger: Logger
    ) async throws -> (leads: Int64, spend: Int64, replaced: [ReplacedSpend]) {
        let leads = try await connection.query("""
            WITH inserted AS (
                INSERT INTO raw_leads (source_file_id, line_no, platform, platform_lead_id, business_date, created_at,
                                       campaign_id, campaign_name, form_id, is_test, payload_enc)
                SELECT \(fileID), line_no, platform, platform_lead_id, \(date.description)::date, created_at,
                       campaign_id, campaign_name, form_id, is_test, payload_enc
                FROM ingest_staging WHERE kind = 'lead' ORDER BY line_no
                ON CONFLICT (platform, platform_lead_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM inserted
            """, logger: logger).collect()[0].decode(Int64.self)
        // A lead already known from another file (or twice in this one): record the sighting.
        try await connection.query("""
            INSERT INTO raw_lead_sightings (raw_lead_id, source_file_id, line_no)
            SELECT r.id, \(fileID), s.line_no FROM ingest_staging s
            JOIN raw_leads r ON r.platform = s.platform AND r.platform_lead_id = s.platform_lead_id
            WHERE s.kind = 'lead' AND NOT (r.source_file_id = \(fileID) AND r.line_no = s.line_no)
            ON CONFLICT DO NOTHING
            """, logger: logger)
        var replaced: [ReplacedSpend] = []
        for try await (platform, campaign, day, file, oldCents, oldCurrency, newCents, newCurrency) in try await connection.query("""
            SELECT c.platform, c.campaign_name, c.day::text, f.name, c.cost_cents, c.currency, s.cost_cents, s.currency
            FROM (SELECT DISTINCT ON (platform, campaign_name, day) platform, campaign_name, day, cost_cents, currency
                  FROM ingest_staging WHERE kind = 'spend' ORDER BY platform, campaign_name, day, line_no DESC) s
            JOIN campaign_spend c ON c.platform = s.platform AND c.campaign_name = s.campaign_name AND c.day = s.day
            JOIN source_files f ON f.id = c.source_file_id
            WHERE c.source_file_id <> \(fileID) AND (c.cost_cents, c.currency) IS DISTINCT FROM (s.cost_cents, s.currency)
            ORDER BY 1, 2, 3
            """, logger: logger).decode((String, String, String, String, Int64, String, Int64, String).self) {
            replaced.append(ReplacedSpend(
                platform: platform, campaign: campaign, day: day, file: file, before: Money(cents: oldCents, currency: oldCurrency),
                after: Money(cents: newCents, currency: newCurrency)))
        }
        let spend = try await connection.query("""
            WITH upserted AS (
                INSERT INTO campaign_spend (source_file_id, platform, campaign_id, campaign_name, day, currency, cost_cents, impressions, clicks)
                SELECT DISTINCT ON (platform, campaign_name, day) \(fileID), platform, campaign_id, campaign_name, day, currency,
                       cost_cents, impressions, clicks
                FROM ingest_staging WHERE kind = 'spend' ORDER BY platform, campaign_name, day, line_no DESC
                ON CONFLICT (platform, campaign_name, day) DO UPDATE SET source_file_id = EXCLUDED.source_file_id,
                    campaign_id = EXCLUDED.campaign_id, currency = EXCLUDED.currency, cost_cents = EXCLUDED.cost_cents,
                    impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks
                RETURNING 1)
            SELECT count(*) FROM upserted
            """, logger: logger).collect()[0].decode(Int64.self)
        try await connection.query("""
            INSERT INTO rejected_rows (source_file_id, line_no, reason, raw_enc)
            SELECT \(fileID), line_no, reason, payload_enc FROM ingest_staging WHERE kind = 'rejected' ORDER BY line_no
            """, logger: logger)
        if !replaced.isEmpty {
            let note = "replaced the spend of \(replaced.count) campaign-day\(replaced.count == 1 ? "" : "s") loaded before: "
                + replaced.prefix(5).map(\.description).joined(separator: "; ") + (replaced.count > 5 ? "; …" : "")
            try await connection.execute("UPDATE source_files SET notes = array_append(notes, \(note)) WHERE id = \(fileID)", logger: logger)
        }
        return (leads, spend, replaced)
    }
}
