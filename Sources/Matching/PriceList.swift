import Foundation
import LeadModel

/// What a lead costs the plumber, by service type, with a default for the rest.
public struct PriceList: Sendable, Hashable, Codable {
    public var currency: String
    public var defaultCents: Int64
    public var byService: [ServiceType: Int64]
    /// Added to the price of an emergency lead.
    public var emergencySurchargeCents: Int64

    public init(currency: String = "USD", defaultCents: Int64, byService: [ServiceType: Int64] = [:], emergencySurchargeCents: Int64 = 0) {
        self.currency = currency
        self.defaultCents = defaultCents
        self.byService = byService
        self.emergencySurchargeCents = emergencySurchargeCents
    }

    public func price(service: ServiceType, urgency: Urgency) -> Money {
        let base = byService[service] ?? defaultCents
        return Money(cents: base + (urgency == .emergency ? emergencySurchargeCents : 0), currency: currency)
    }
}
