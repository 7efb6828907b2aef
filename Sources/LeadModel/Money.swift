import Foundation
/// An amount of money in the currency's minor unit (cents for USD).
public struct Money: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Amount in minor units.
    public var cents: Int64
    /// ISO 4217 code, upper case.
    public var currency: String

    public init(cents: Int64, currency: String = "USD") {
        self.cents = cents
        self.currency = currency
    }

    /// `$1,234.50` for USD, `1234.50 EUR` otherwise.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let units = abs(cents) / 100
        let minor = abs(cents) % 100
        var grouped = ""
        for (index, char) in String(units).reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(char)
        }
        let amount = String(grouped.reversed()) + "." + (minor < 10 ? "0" : "") + String(minor)
        return currency == "USD" ? "\(sign)$\(amount)" : "\(sign)\(amount) \(currency)"
    }

    /// Plain decimal form (`1234.50`) for CSV files.
    public var decimalString: String {
        let sign = cents < 0 ? "-" : ""
        let minor = abs(cents) % 100
        return "\(sign)\(abs(cents) / 100).\(minor < 10 ? "0" : "")\(minor)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
}
