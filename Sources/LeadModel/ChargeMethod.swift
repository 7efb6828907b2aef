/// How an assignment is billed (`charges.method`).
public enum ChargeMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// An off-session card charge (a Stripe PaymentIntent).
    case paymentIntent = "payment_intent"
    /// Subscription overage, reported as a billing meter event.
    case meterEvent = "meter_event"
    /// A lead the subscription includes: no money moves.
    case included

    /// The method that bills a sale of this kind.
    public init(_ billing: SaleBilling) {
        switch billing {
        case .charge: self = .paymentIntent
        case .overage: self = .meterEvent
        case .included: self = .included
        }
    }
}
