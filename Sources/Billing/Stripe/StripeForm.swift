import LeadModel

/// Stripe's request encoding: `application/x-www-form-urlencoded`, nested keys in brackets
/// (`metadata[lead_id]=42`), fields in the order given so that a retry sends the same bytes.
public struct StripeForm: Sendable, Equatable {
    public private(set) var fields: [(key: String, value: String)] = []

    public init() {}

    public mutating func add(_ key: String, _ value: String) {
        fields.append((key, value))
    }

    /// `metadata[key]=value` for each pair, keys sorted (a dictionary has no order of its own).
    public mutating func add(_ key: String, dictionary: [String: String]) {
        for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) { add("\(key)[\(name)]", value) }
    }

    /// The body bytes.
    public var encoded: String {
        fields.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// The fields as a URL query for AsyncHTTPClient, which parses the URL with Foundation and re-encodes
    /// what it finds invalid (a `%27` it sent as `%2527`): only the characters that would change the
    /// query's structure are escaped here (`%`, `&`, `=`, `+`, `#`, space).
    public var query: String {
        func light(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "%", "&", "=", "+", "#", " ": out += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2, with: "0")
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        return fields.map { "\(light($0.key))=\(light($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986 (and keeps the brackets of
    /// nested keys readable, as Stripe's own libraries send them).
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2, with: "0")
            }
        }
        return out
    }

    /// Parses a body back into fields (what a server does; the tests' fake Stripe uses it).
    public static func parse(_ body: String) -> [(key: String, value: String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (unescape(String(parts[0])), parts.count > 1 ? unescape(String(parts[1])) : "")
        }
    }

    static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func == (a: StripeForm, b: StripeForm) -> Bool { a.encoded == b.encoded }
}
