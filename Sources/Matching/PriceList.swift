import Foundation
import LeadModel

/// What a lead costs the plumber who gets it: a price per service and urgency (a default row for
/// services without their own), a lower share for a lead sold to several plumbers, and per-plumber
/// overrides — a percentage of the list, or rows of their own. Ops keep it in `pipelines/pricing.yml`.
public struct PriceList: Sendable, Hashable {
    /// Cents by urgency.
    public typealias Row = [Urgency: Int64]

    /// A plumber's own terms: rows of their own first, else the list scaled by `percent`.
    public struct Override: Sendable, Hashable {
        public var percent: Int
        public var rows: [ServiceType: Row]

        public init(percent: Int = 100, rows: [ServiceType: Row] = [:]) {
            self.percent = percent
            self.rows = rows
        }
    }

    public var currency: String
    /// Must price every urgency.
    public var defaultRow: Row
    public var rows: [ServiceType: Row]
    /// A shared lead costs this percentage of its price.
    public var sharedPercent: Int
    /// By the plumber's roster id.
    public var overrides: [String: Override]

    public init(currency: String = "USD", defaultRow: Row, rows: [ServiceType: Row] = [:], sharedPercent: Int = 100, overrides: [String: Override] = [:]) {
        self.currency = currency
        self.defaultRow = defaultRow
        self.rows = rows
        self.sharedPercent = sharedPercent
        self.overrides = overrides
    }

    /// The price of a lead for `plumber` (a roster id; nil: the list price), shared or exclusive.
    public func price(service: ServiceType, urgency: Urgency, plumber: String? = nil, shared: Bool = false) -> Money {
        let override = plumber.flatMap { overrides[$0] }
        var cents: Int64
        if let own = override?.rows[service]?[urgency] {
            cents = own
        } else {
            cents = rows[service]?[urgency] ?? defaultRow[urgency] ?? 0
            if let percent = override?.percent { cents = Self.scale(cents, percent) }
        }
        if shared { cents = Self.scale(cents, sharedPercent) }
        return Money(cents: cents, currency: currency)
    }

    /// `cents` × `percent` / 100, rounded half up to a whole cent.
    static func scale(_ cents: Int64, _ percent: Int) -> Int64 {
        (cents * Int64(percent) + 50) / 100
    }
}
