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
    /// What each column holds, worked out once from the header.
    private var roles: [Role] = []
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
        return Self.lead(columns: columns, roles: roles, record: record)
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
        roles = columns.map(Role.init(column:))
        let missing = ["id", "created_time"].filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw IngestError(.missingColumns, file: file, detail: "missing column(s) \(missing.joined(separator: ", "))")
        }
    }

    /// What a column of the export holds.
    enum Role {
        case id, createdTime, campaignID, campaignName, formID
        /// Ad, ad set and form metadata we do not keep.
        case ignored
        case answer(LeadField)
        case extra

        init(column: String) {
            switch column {
            case "id": self = .id
            case "created_time": self = .createdTime
            case "campaign_id": self = .campaignID
            case "campaign_name": self = .campaignName
            case "form_id": self = .formID
            case "ad_id", "ad_name", "adset_id", "adset_name", "form_name", "is_organic", "platform", "inbox_url", "lead_status":
                self = .ignored
            default: self = MetaLeadReader.field(for: column).map(Role.answer) ?? .extra
            }
        }
    }

    static func lead(columns: [String], roles: [Role], record: CSVRecord) -> ExportRecord {
        var lead = RawLead(platform: .meta, platformLeadID: "", line: record.line)
        var badTime = false
        for (index, rawValue) in record.fields.enumerated() {
            let value = FastText.trimmed(rawValue)
            if value.utf8.first == 0x3C, value.hasPrefix("<test lead") { lead.isTest = true }
            switch roles[index] {
            case .id: lead.platformLeadID = stripPrefix(value)
            case .createdTime:
                lead.createdAt = Timestamp.parse(value)
                badTime = lead.createdAt == nil && !value.isEmpty
            case .campaignID: lead.campaignID = nonEmpty(stripPrefix(value))
            case .campaignName: lead.campaignName = nonEmpty(value)
            case .formID: lead.formID = nonEmpty(stripPrefix(value))
            case .ignored: break
            case .answer(let field): lead.answers[field] = nonEmpty(stripPrefix(value))
            case .extra: if !value.isEmpty { lead.extra[columns[index]] = value }
            }
        }
        guard !lead.platformLeadID.isEmpty else {
            return .rejected(RejectedRow(line: record.line, reason: "missing lead id", raw: record.raw))
        }
        if badTime { return .rejected(RejectedRow(line: record.line, reason: Timestamp.unreadable("created_time"), raw: record.raw)) }
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
        var value = value
        let length = value.withUTF8 { bytes -> Int in
            func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
            switch (at(0), at(1), at(2)) {
            case (0x6C, 0x3A, _), (0x63, 0x3A, _), (0x66, 0x3A, _), (0x70, 0x3A, _), (0x7A, 0x3A, _): return 2  // l: c: f: p: z:
            case (0x61, 0x67, 0x3A), (0x61, 0x73, 0x3A): return 3  // ag: as:
            default: return 0
            }
        }
        return length == 0 ? value : String(value.utf8.dropFirst(length))!
    }

    static func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}
