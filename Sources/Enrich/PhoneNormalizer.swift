import Foundation
import LeadModel

/// Normalizes North American phone numbers to E.164 under the North American Numbering Plan as it is:
/// the syntax rules, and an area code that is in service (`NANPDirectory`), whose country comes with it.
///
/// ```swift
/// PhoneNormalizer.normalize("p:+1 (312) 555-2671") // .valid(e164: "+13125552671", area: 312 US IL)
/// PhoneNormalizer.normalize("(969) 555-5098")      // .invalid(reason: "area code 969 is not in service")
/// ```
public enum PhoneNormalizer {
    /// The outcome of normalizing one phone number.
    public enum Result: Sendable, Equatable {
        case valid(e164: String, area: AreaCode)
        case invalid(reason: String)
    }

    /// Parses formats seen in the wild: `p:+1…`, `tel:+1-312-555-2671`, `(312) 555-2671`, `312.555.2671`,
    /// `+1 312 555 2671 ext. 2`, and `011 1 312 555 2671` (the US international prefix before the country code).
    public static func normalize(_ text: String, directory: NANPDirectory = .shipped) -> Result {
        var value = Substring(FastText.trimmed(text))
        if value.hasPrefix("p:") { value = value.dropFirst(2) }
        if value.lowercased().hasPrefix("tel:") {
            // RFC 3966: the number, then parameters after `;` (`;ext=2`, `;phone-context=…`).
            value = value.dropFirst(4).prefix { $0 != ";" }
        }
        let lowered = value.lowercased()
        if let range = lowered.range(of: "ext") ?? lowered.range(of: "x") ?? lowered.range(of: "#") {
            value = Substring(String(value.prefix(lowered.distance(from: lowered.startIndex, to: range.lowerBound))))
        }
        let allowed = Set("0123456789+()-. /")
        guard value.allSatisfy({ allowed.contains($0) || $0.isWhitespace }) else { return .invalid(reason: "phone has letters or symbols") }
        var digits = value.filter(\.isNumber)
        if value.hasPrefix("+") && !value.hasPrefix("+1") { return .invalid(reason: "not a North American number") }
        if digits.hasPrefix("011") {
            // Dialled from the US as an international call: only `011 1 …` is a North American number.
            guard digits.dropFirst(3).first == "1" else { return .invalid(reason: "not a North American number") }
            digits.removeFirst(3)
        }
        if digits.count == 11, digits.first == "1" { digits.removeFirst() }
        guard !digits.isEmpty else { return .invalid(reason: "phone missing") }
        guard digits.count == 10 else { return .invalid(reason: "phone has \(digits.count) digits, expected 10") }
        let area = String(digits.prefix(3))
        let exchange = String(digits.dropFirst(3).prefix(3))
        let line = String(digits.suffix(4))
        guard let a = area.first, a >= "2" else { return .invalid(reason: "area code cannot start with 0 or 1") }
        guard let e = exchange.first, e >= "2" else { return .invalid(reason: "exchange cannot start with 0 or 1") }
        if area.hasSuffix("11") { return .invalid(reason: "N11 code \(area) is not an area code") }
        if exchange.hasSuffix("11") { return .invalid(reason: "N11 code \(exchange) is not an exchange") }
        if exchange == "555", line.hasPrefix("01") { return .invalid(reason: "555-01XX numbers are fictional") }
        guard let code = directory.areaCode(area) else { return .invalid(reason: "area code \(area) is not in service") }
        if code.kind == .premium { return .invalid(reason: "premium-rate number (\(area)): the caller pays to reach it") }
        return .valid(e164: "+1" + digits, area: code)
    }
}
