import Foundation
import LeadModel

/// The encrypted payload of a raw lead: its answers (by neutral key) and its extra questions, as a
/// small JSON object `{"a":{…},"x":{…}}`. Written by hand because it is on the ingest hot path.
enum LeadPayload {
    static func encode(_ lead: RawLead) -> String {
        var out = "{\"a\":{"
        var first = true
        for (key, value) in lead.answers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if !first { out += "," }
            first = false
            appendString(key.rawValue, to: &out)
            out += ":"
            appendString(value, to: &out)
        }
        out += "},\"x\":{"
        first = true
        for (key, value) in lead.extra.sorted(by: { $0.key < $1.key }) {
            if !first { out += "," }
            first = false
            appendString(key, to: &out)
            out += ":"
            appendString(value, to: &out)
        }
        out += "}}"
        return out
    }

    /// The answers and extras back from `encode`'s output.
    static func decode(_ text: String) throws -> (answers: [LeadField: String], extra: [String: String]) {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let answers = object["a"] as? [String: String], let extra = object["x"] as? [String: String]
        else { throw PayloadError() }
        var fields: [LeadField: String] = [:]
        for (key, value) in answers {
            if let field = LeadField(rawValue: key) { fields[field] = value }
        }
        return (fields, extra)
    }

    struct PayloadError: Error, CustomStringConvertible {
        var description: String { "a stored lead payload is not readable" }
    }

    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
