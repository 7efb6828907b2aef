import Foundation

/// How a plumber pays for one lead.
public enum SaleBilling: String, Sendable, Hashable, CaseIterable, Codable {
    /// Charged to the card on file at the sale's price.
    case charge
    /// One of the subscription's included leads for the month: no money moves.
    case included
    /// Beyond the included leads: reported to Stripe as a billing meter event at the overage price.
    case overage
}

/// One plumber's part of a lead.
public struct Sale: Sendable, Hashable {
    public var plumberID: String
    public var price: Money
    public var billing: SaleBilling
    public var shared: Bool

    public init(plumberID: String, price: Money, billing: SaleBilling, shared: Bool) {
        self.plumberID = plumberID
        self.price = price
        self.billing = billing
        self.shared = shared
    }
}

/// The allocator's decision for one lead and everything that explains it.
public struct Allocation: Sendable, Hashable {
    /// Empty when the lead stays unsold.
    public var sales: [Sale]
    /// `exclusive to PL-0003 (…)`, `shared by PL-0001, PL-0002 (…)`, or `unsold: …`.
    public var outcome: String
    /// For an unsold lead, the kind of reason, for the report.
    public var unsoldKind: UnsoldKind?
    /// The eligible plumbers in rank order, each with their standing.
    public var eligible: [String]
    /// The plumbers covering the address who could not take the lead, each with the reason.
    public var passedOver: [String]
    /// How many plumbers' areas do not include the address.
    public var notCovering: Int

    public init(sales: [Sale], outcome: String, unsoldKind: UnsoldKind?, eligible: [String], passedOver: [String], notCovering: Int) {
        self.sales = sales
        self.outcome = outcome
        self.unsoldKind = unsoldKind
        self.eligible = eligible
        self.passedOver = passedOver
        self.notCovering = notCovering
    }
}

/// The lead being placed, as allocation needs it (no PII).
public struct LeadToPlace: Sendable, Hashable {
    public var zip: String
    public var service: ServiceType
    public var urgency: Urgency
    /// When the person asked, for "open now" on emergencies; nil if the export had no time.
    public var createdAt: Date?

    public init(zip: String, service: ServiceType, urgency: Urgency, createdAt: Date?) {
        self.zip = zip
        self.service = service
        self.urgency = urgency
        self.createdAt = createdAt
    }
}
