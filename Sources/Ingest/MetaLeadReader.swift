import Foundation
import LeadModel

/// Reads a Meta Lead Ads file export: TSV or CSV, UTF-8 or UTF-16, one lead per row.
///
/// Strips Meta's value prefixes (`l:` `c:` `f:` `ag:` `as:` `p:` `z:`), maps the standard form questions
/// to neutral keys, keeps custom questions, and flags `<test lead: dummy data>` rows as test leads.
public struct MetaLeadReader: ExportReader {
    private var csv: CSVReader
    private let file: String
    private var columns: [String] = []
    /// The neutral field of each column, worked out once from the header.
    private var fields: [LeadField?] = []
    private var headerRead = false

    public init(url: URL) throws {
        csv = try CSVReader(url: url)
        file = url.lastPathComponent
    }

    public mutating func next() throws -> ExportRecord? {
        if !headerRead { try readHeader() }
        guard let record = try csv.next() else { return nil }
        if let problem = record.problem {
            return .rejected(RejectedRow(line: record.line, reason: problem, raw: record.raw))
        }
        guard record.fields.count == columns.count else {
            return .rejected(RejectedRow(
                line: record.line,
                reason: "expected \(columns.count) fields, found \(record.fields.count) (truncated or shifted row)",
                raw: record.raw))
        }
        return Self.lead(columns: columns, fields: fields, record: record)
    }

    private mutating func readHeader() throws {
        headerRead = true
        guard let header = try csv.next() else {
            throw IngestError(.emptyFile, file: file, detail: "the file is empty")
        }
        if let problem = header.problem {
            throw IngestError(.invalidEncoding, file: file, detail: "header: \(problem)")
        }
        columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        fields = columns.map(Self.field(for:))
        let missing = ["id", "created_time"].filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw IngestError(.missingColumns, file: file, detail: "missing column(s) \(missing.joined(separator: ", "))")
        }
    }

    static func lead(columns: [String], fields: [LeadField?], record: CSVRecord) -> ExportRecord {
        var lead = RawLead(platform: .meta, platformLeadID: "", line: record.line)
        for (index, (column, rawValue)) in zip(columns, record.fields).enumerated() {
            let value = FastText.trimmed(rawValue)
            if value.hasPrefix("<test lead") { lead.isTest = true }
            switch column {
            case "id": lead.platformLeadID = stripPrefix(value)
            case "created_time": lead.createdAt = Timestamp.parse(value)
            case "campaign_id": lead.campaignID = nonEmpty(stripPrefix(value))
            case "campaign_name": lead.campaignName = nonEmpty(value)
            case "form_id": lead.formID = nonEmpty(stripPrefix(value))
            case "ad_id", "ad_name", "adset_id", "adset_name", "form_name", "is_organic", "platform", "inbox_url", "lead_status":
                break
            default:
                if let field = fields[index] {
                    lead.answers[field] = nonEmpty(stripPrefix(value))
                } else if !value.isEmpty {
                    lead.extra[column] = value
                }
            }
        }
        guard !lead.platformLeadID.isEmpty else {
            return .rejected(RejectedRow(line: record.line, reason: "missing lead id", raw: record.raw))
        }
        return .lead(lead)
    }

    /// Maps a Meta question key to a neutral field.
    static func field(for column: String) -> LeadField? {
        switch column {
        case "full_name": .fullName
        case "first_name": .firstName
        case "last_name": .lastName
        case "phone_number", "phone": .phone
        case "email": .email
        case "street_address", "address": .street
        case "city": .city
        case "state", "province": .state
        case "zip_code", "post_code", "zip", "postal_code": .zip
        default:
            if ["service", "what_do_you_need", "help_with"].contains(where: { FastText.contains(column, $0) }) { .service }
            else if ["soon", "when", "urgen"].contains(where: { FastText.contains(column, $0) }) { .urgency }
            else if ["describe", "detail", "problem"].contains(where: { FastText.contains(column, $0) }) { .details }
            else { nil }
        }
    }

    /// Removes Meta's `l:`, `ag:`, `as:`, `c:`, `f:`, `p:`, `z:` value prefixes.
    static func stripPrefix(_ value: String) -> String {
        for prefix in ["l:", "ag:", "as:", "c:", "f:", "p:", "z:"] where value.hasPrefix(prefix) {
            return String(value.dropFirst(prefix.count))
        }
        return value
    }

    static func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}
