import Foundation
import LeadModel

/// The COPY rows ingest writes: a lead straight into `raw_leads`, or any record into the all-text
/// staging table. Both lead rows share one field order (`leadFields`), so a lead is encoded one way.
enum IngestRows {
    /// A lead's own fields, in the order both tables list them after their leading columns.
    static let leadFields = ["line_no", "platform", "platform_lead_id", "created_at", "campaign_id", "campaign_name", "form_id", "is_test", "payload_enc"]

    /// `raw_leads` as the direct COPY fills it: the file and day, then the lead's fields.
    static let rawLeadColumns = ["source_file_id", "business_date"] + leadFields

    static let stagingTable = "ingest_staging"

    /// The staging table: the kind, the lead's fields (a rejected row's raw text goes in `payload_enc`), then
    /// what rejected rows and spend rows carry.
    static let stagingColumns = ["kind"] + leadFields + ["reason", "day", "currency", "cost_cents", "impressions", "clicks"]

    static let createStaging = """
        CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
            kind text, line_no integer, platform text, platform_lead_id text, created_at timestamptz,
            campaign_id text, campaign_name text, form_id text, is_test boolean, payload_enc bytea,
            reason text, day date, currency text, cost_cents bigint, impressions bigint, clicks bigint
        ) ON COMMIT DELETE ROWS
        """

    /// A lead for the direct COPY into `raw_leads`.
    static func encode(rawLead lead: RawLead, fileID: Int64, day: String, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.integer(fileID)
        encoder.text(day)
        try encodeFields(of: lead, cipher: cipher, into: &encoder)
        encoder.endRow()
    }

    /// Any record for the staging table.
    static func encode(staged record: ExportRecord, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        switch record {
        case .lead(let lead):
            encoder.text("lead")
            try encodeFields(of: lead, cipher: cipher, into: &encoder)
            for _ in 0..<6 { encoder.text(nil) }
        case .spend(let spend):
            encoder.text("spend")
            encoder.integer(spend.line)
            encoder.text(spend.platform.rawValue)
            for _ in 0..<2 { encoder.text(nil) }
            encoder.text(spend.campaignID)
            encoder.text(spend.campaignName)
            for _ in 0..<2 { encoder.text(nil) }
            encoder.bytes(nil)
            encoder.text(nil)
            encoder.text(spend.day.description)
            encoder.text(spend.cost.currency)
            encoder.integer(spend.cost.cents)
            encoder.integer(spend.impressions)
            encoder.integer(spend.clicks)
        case .rejected(let rejected):
            encoder.text("rejected")
            encoder.integer(rejected.line)
            for _ in 0..<7 { encoder.text(nil) }
            encoder.bytes(try cipher.encrypt(rejected.raw))
            encoder.text(rejected.reason)
            for _ in 0..<5 { encoder.text(nil) }
        }
        encoder.endRow()
    }

    private static func encodeFields(of lead: RawLead, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.integer(lead.line)
        encoder.text(lead.platform.rawValue)
        encoder.text(lead.platformLeadID)
        encoder.timestamp(lead.createdAt)
        encoder.text(lead.campaignID)
        encoder.text(lead.campaignName)
        encoder.text(lead.formID)
        encoder.bool(lead.isTest)
        encoder.bytes(try cipher.encrypt(bytes: LeadPayload.encode(lead)))
    }
}
