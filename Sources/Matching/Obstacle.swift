import LeadModel

/// Why a plumber whose area covers a lead's address cannot take it: the first rule of eligibility
/// (`AllocationPolicy`) they fail.
public enum Obstacle: Sendable, Hashable {
    /// A reallocation passes over the plumbers who already had the lead.
    case alreadyHadLead
    case serviceNotOffered(ServiceType)
    case paused
    case noCardOnFile
    case cardFailing(String)
    case noStripeCustomerForOverage
    case dailyCapReached(Int)
    case weeklyCapReached(Int)
    case budgetWouldBeExceeded(budgetCents: Int64, spentCents: Int64, price: Money)
    /// A released share of a shared lead is offered to plumbers taking shared leads only.
    case exclusiveOnly

    /// The reason in words, as the decision records it.
    public var text: String {
        switch self {
        case .alreadyHadLead: "already had this lead"
        case .serviceNotOffered(let service): "does not offer \(service.rawValue)"
        case .paused: "paused"
        case .noCardOnFile: "no card on file"
        case .cardFailing(let failure): "card failing (\(failure))"
        case .noStripeCustomerForOverage: "no Stripe customer for overage"
        case .dailyCapReached(let cap): "daily cap \(cap) reached"
        case .weeklyCapReached(let cap): "weekly cap \(cap) reached"
        case .budgetWouldBeExceeded(let budget, let spent, let price):
            "monthly budget \(Money(cents: budget)) would be exceeded (\(Money(cents: spent)) spent, lead \(price))"
        case .exclusiveOnly: "takes exclusive leads only (a share was released)"
        }
    }

    /// True for the plumbers who could take this kind of lead at another time: not those who do not offer
    /// the service, nor those who already had the lead.
    var offersTheService: Bool {
        switch self {
        case .serviceNotOffered, .alreadyHadLead: false
        default: true
        }
    }
}
