import Foundation
/// An amount of money in the currency's minor unit (cents for USD, yen for JPY: see `Currency`).
public struct Money: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Amount in minor units.
    public var cents: Int64
    /// ISO 4217 code, upper case.
    public var currency: String

    public init(cents: Int64, currency: String = "USD") {
        self.cents = cents
        self.currency = currency
    }

    /// Digits after the decimal point in this currency (2 for a code ISO 4217 does not list).
    var minorDigits: Int { Currency.minorUnits(currency) ?? 2 }

    /// `$1,234.50` for USD, `1,234.50 EUR` or `2,138 JPY` otherwise.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let (units, minor) = split
        var grouped = ""
        for (index, char) in String(units).reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(char)
        }
        let amount = String(grouped.reversed()) + minor
        return currency == "USD" ? "\(sign)$\(amount)" : "\(sign)\(amount) \(currency)"
    }

    /// Plain decimal form (`1234.50`, `2138` for JPY) for CSV files.
    public var decimalString: String {
        let (units, minor) = split
        return (cents < 0 ? "-" : "") + String(units) + minor
    }

    /// Whole units and the minor part as `.50` (empty for a currency without a minor unit).
    private var split: (Int64, String) {
        let digits = minorDigits
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let minor = abs(cents) % scale
        let text = String(minor)
        return (abs(cents) / scale, digits == 0 ? "" : "." + String(repeating: "0", count: digits - text.count) + text)
    }

    /// Reads `1234.5`, `$1,234.50` or `1234` as an amount in `currency`; nil for anything else
    /// (negative amounts, more than two decimals).
    public init?(parsing text: String, currency: String = "USD") {
        var digits = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if digits.hasPrefix("$") { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), let units = Int64(parts[0]), units >= 0,
              units < 1_000_000_000 else { return nil }
        var minor: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            minor = Int64(parts[1])! * (parts[1].count == 1 ? 10 : 1)
        }
        self.init(cents: units * 100 + minor, currency: currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
}
