import Foundation
import LeadModel

/// Reads Google Ads lead form webhook payloads: one JSON object per line, or one JSON array (streamed).
public struct GoogleLeadReader: ExportReader {
    private var lines: LineReader?
    private var array: JSONArrayStream?
    private let decoder = JSONDecoder()
    private let expectedKey: [UInt8]?

    /// - Parameter expectedKey: when set, a lead whose `google_key` differs (or is missing) is rejected.
    public init(url: URL, expectedKey: String? = nil) throws {
        self.expectedKey = expectedKey.map { Array($0.utf8) }
        var probe = try ByteSource(url: url, chunkSize: 4096)
        let head = try probe.next() ?? []
        if head.first(where: { $0 > 0x20 }) == UInt8(ascii: "[") {
            array = try JSONArrayStream(url: url, target: .topLevelArray)
        } else {
            lines = try LineReader(url: url)
        }
    }

    public mutating func next() throws -> ExportRecord? {
        if array != nil {
            guard let element = try array!.next() else { return nil }
            if let problem = element.problem { return .rejected(RejectedRow(line: element.line, reason: problem, raw: element.raw)) }
            return record(Data(element.bytes), line: element.line, raw: element.raw)
        }
        while let (bytes, line) = try lines!.next() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                return .rejected(RejectedRow(line: line, reason: "invalid UTF-8", raw: String(decoding: bytes, as: UTF8.self)))
            }
            return record(Data(bytes), line: line, raw: String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    private func record(_ data: Data, line: Int, raw: String) -> ExportRecord {
        let form: GoogleLeadForm
        do {
            form = try decoder.decode(GoogleLeadForm.self, from: data)
        } catch {
            return .rejected(RejectedRow(line: line, reason: "not a Google lead form payload: \(Self.describe(error))", raw: raw))
        }
        if let expectedKey {
            guard let key = form.googleKey else {
                return .rejected(RejectedRow(line: line, reason: "google_key missing", raw: raw))
            }
            guard Self.constantTimeEqual(Array(key.utf8), expectedKey) else {
                return .rejected(RejectedRow(line: line, reason: "google_key does not match the configured key", raw: raw))
            }
        }
        if let text = form.leadSubmitTime, !text.isEmpty, Timestamp.parse(text) == nil {
            return .rejected(RejectedRow(line: line, reason: Timestamp.unreadable("lead_submit_time"), raw: raw))
        }
        var lead = RawLead(
            platform: .google, platformLeadID: form.leadID, line: line,
            createdAt: form.leadSubmitTime.flatMap(Timestamp.parse), campaignID: form.campaignID?.text,
            formID: form.formID?.text, isTest: form.isTest ?? false)
        for column in form.userColumnData {
            guard let value = column.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { continue }
            if let field = Self.field(id: column.columnID ?? "", name: column.columnName ?? "") {
                lead.answers[field] = value
            } else {
                lead.extra[column.columnID ?? column.columnName ?? "unnamed"] = value
            }
        }
        return .lead(lead)
    }

    /// Compares without an early exit, so timing does not reveal how much of a key matched.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func field(id: String, name: String) -> LeadField? {
        switch id.uppercased() {
        case "FULL_NAME": return .fullName
        case "FIRST_NAME", "GIVEN_NAME": return .firstName
        case "LAST_NAME", "FAMILY_NAME": return .lastName
        case "PHONE_NUMBER": return .phone
        case "EMAIL": return .email
        case "POSTAL_CODE": return .zip
        case "STREET_ADDRESS": return .street
        case "CITY": return .city
        case "REGION": return .state
        default:
            let key = (id + " " + name).lowercased()
            if key.contains("service") || key.contains("help with") || key.contains("need") { return .service }
            if key.contains("soon") || key.contains("when") || key.contains("urgen") { return .urgency }
            if key.contains("describe") || key.contains("detail") || key.contains("problem") { return .details }
            return nil
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "unreadable"
        }
    }
}

/// Splits a file into lines (LF or CRLF), streaming.
struct LineReader {
    private var source: ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var line = 0
    private var done = false
    private let file: String

    init(url: URL) throws {
        source = try ByteSource(url: url)
        file = url.lastPathComponent
    }

    mutating func next() throws -> ([UInt8], Int)? {
        while true {
            if let end = buffer[start...].firstIndex(of: 0x0A) {
                var bytes = Array(buffer[start..<end])
                if bytes.last == 0x0D { bytes.removeLast() }
                start = end + 1
                line += 1
                return (bytes, line)
            }
            if done {
                guard start < buffer.count else { return nil }
                let bytes = Array(buffer[start...])
                start = buffer.count
                line += 1
                return (bytes, line)
            }
            buffer.removeFirst(start)
            start = 0
            // No lead is this long: stop here rather than read the rest of a huge file into one line.
            if buffer.count > JSONArrayStream.maxElementBytes {
                throw IngestError(.recordTooLarge, file: file, detail: "line \(line + 1) is longer than \(JSONArrayStream.maxElementBytes >> 20) MB; no lead is")
            }
            if let chunk = try source.next() { buffer.append(contentsOf: chunk) } else { done = true }
        }
    }
}
