import Foundation
import LeadModel

/// Reads Meta Graph API lead JSON: a bulk-read page `{"data":[…],"paging":…}`, a single lead object, an
/// array of leads (pages and arrays streamed element by element), or one lead object per line. Each lead's `field_data` is a list of `{name, values[]}`.
public struct MetaGraphLeadReader: ExportReader {
    private var elements: JSONArrayStream?
    private var lines: LineReader?
    private let file: String

    public init(url: URL) throws {
        file = url.lastPathComponent
        var probe = try ByteSource(url: url, chunkSize: 4096)
        let head = try probe.next() ?? []
        let text = String(decoding: head, as: UTF8.self)
        let firstLineEnd = text.firstIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        let looksLikeLines = text.first == "{" && firstLineEnd < text.count
            && (try? JSONSerialization.jsonObject(with: Data(text.prefix(firstLineEnd).utf8))) != nil
        if looksLikeLines {
            lines = try LineReader(url: url)
            return
        }
        elements = try JSONArrayStream(url: url, target: .dataMember)
    }

    public mutating func next() throws -> ExportRecord? {
        if lines != nil {
            while let (bytes, line) = try lines!.next() {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let raw = String(decoding: bytes, as: UTF8.self)
                guard String(validating: bytes, as: UTF8.self) != nil, let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
                    return .rejected(RejectedRow(line: line, reason: "malformed JSON", raw: raw))
                }
                return Self.record(object, line: line, raw: raw)
            }
            return nil
        }
        guard let element = try elements?.next() else { return nil }
        if let problem = element.problem { return .rejected(RejectedRow(line: element.line, reason: problem, raw: element.raw)) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(element.bytes)) else {
            return .rejected(RejectedRow(line: element.line, reason: "malformed JSON", raw: element.raw))
        }
        return Self.record(object, line: element.line, raw: element.raw)
    }

    static func record(_ object: Any, line: Int, raw: String) -> ExportRecord {
        guard let lead = object as? [String: Any] else {
            return .rejected(RejectedRow(line: line, reason: "a lead must be a JSON object", raw: raw))
        }
        guard let id = text(lead["id"]), !id.isEmpty else {
            return .rejected(RejectedRow(line: line, reason: "missing \"id\"", raw: raw))
        }
        guard let fields = lead["field_data"] as? [[String: Any]] else {
            return .rejected(RejectedRow(line: line, reason: "missing \"field_data\"", raw: raw))
        }
        if let time = text(lead["created_time"]), !time.isEmpty, Timestamp.parse(time) == nil {
            return .rejected(RejectedRow(line: line, reason: Timestamp.unreadable("created_time"), raw: raw))
        }
        var result = RawLead(
            platform: .meta, platformLeadID: MetaLeadReader.stripPrefix(id), line: line,
            createdAt: text(lead["created_time"]).flatMap(Timestamp.parse),
            campaignID: text(lead["campaign_id"]).map(MetaLeadReader.stripPrefix), campaignName: text(lead["campaign_name"]),
            formID: text(lead["form_id"]).map(MetaLeadReader.stripPrefix))
        for field in fields {
            guard let name = (field["name"] as? String)?.lowercased() else { continue }
            let value = ((field["values"] as? [Any]) ?? []).compactMap(text).joined(separator: ", ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if value.hasPrefix("<test lead") { result.isTest = true }
            guard !value.isEmpty else { continue }
            if let key = MetaLeadReader.field(for: name) {
                result.answers[key] = MetaLeadReader.stripPrefix(value)
            } else {
                result.extra[name] = value
            }
        }
        if (lead["is_test"] as? Bool) == true { result.isTest = true }
        return .lead(result)
    }

    /// Strings as they are; numbers (ids) as their digits, never through Double's rounding.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber:
            String(cString: number.objCType) == "c" ? nil : number.stringValue
        default: nil
        }
    }
}
