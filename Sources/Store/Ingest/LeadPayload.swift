import Foundation
import LeadModel

/// The encrypted payload of a raw lead: its answers (by neutral key) and its extra questions, as a
/// small JSON object `{"a":{…},"x":{…}}`. Written by hand because it is on the ingest hot path.
public enum LeadPayload {
    public static func encode(_ lead: RawLead) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(contentsOf: #"{"a":{"#.utf8)
        var first = true
        for field in LeadField.allCases {
            guard let value = lead.answers[field] else { continue }
            append(pair: field.rawValue, value, first: &first, to: &out)
        }
        out.append(contentsOf: #"},"x":{"#.utf8)
        first = true
        for (key, value) in lead.extra.sorted(by: { $0.key < $1.key }) {
            append(pair: key, value, first: &first, to: &out)
        }
        out.append(contentsOf: "}}".utf8)
        return out
    }

    private static func append(pair key: String, _ value: String, first: inout Bool, to out: inout [UInt8]) {
        if !first { out.append(0x2C) }
        first = false
        appendString(key, to: &out)
        out.append(0x3A)
        appendString(value, to: &out)
    }

    /// The answers and extras back from `encode`'s output.
    static func decode(_ text: [UInt8]) throws -> (answers: [LeadField: String], extra: [String: String]) {
        guard let object = try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any],
              let answers = object["a"] as? [String: String], let extra = object["x"] as? [String: String]
        else { throw PayloadError() }
        var fields: [LeadField: String] = [:]
        for (key, value) in answers {
            if let field = LeadField(rawValue: key) { fields[field] = value }
        }
        return (fields, extra)
    }

    /// What the person wrote in the form, from an encrypted payload: the problem and when they want it
    /// done, trimmed (nil when not answered).
    static func ownWords(_ encrypted: Data, cipher: PIICipher) throws -> (details: String?, when: String?) {
        let answers = try decode(try cipher.decryptBytes(encrypted)).answers
        func cleaned(_ field: LeadField) -> String? {
            answers[field].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return (cleaned(.details), cleaned(.urgency))
    }

    struct PayloadError: Error, CustomStringConvertible {
        var description: String { "a stored lead payload is not readable" }
    }

    /// `value` as a JSON string literal, escaped byte by byte (UTF-8 above 0x7F passes through).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: value.utf8)
            out.append(0x22)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20: out.append(contentsOf: "\\u00\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])".utf8)
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    private static let hex: [Character] = Array("0123456789abcdef")
}
