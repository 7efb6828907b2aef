import Foundation
import LeadModel

/// Billing through Stripe: card charges as off-session PaymentIntents, subscription overage as billing
/// meter events, credits as refunds. Configured from the environment (`STRIPE_SECRET_KEY`).
public struct StripePaymentProvider: PaymentProvider {
    public let name = "stripe"
    let client: StripeClient
    /// The billing meter's event name for leads beyond a subscription's included ones.
    let meterEventName: String

    public init(client: StripeClient, meterEventName: String) {
        self.client = client
        self.meterEventName = meterEventName
    }

    public func charge(_ request: ChargeRequest) async throws -> ChargeOutcome {
        let intent = StripeClient.PaymentIntentRequest(
            customer: request.customer, paymentMethod: request.paymentMethod, amount: request.amount, description: request.description,
            metadata: request.metadata)
        return Self.outcome(try await client.charge(intent, idempotencyKey: request.idempotencyKey))
    }

    public func findCharge(assignmentID: String) async throws -> ChargeOutcome? {
        let found = try await client.paymentIntents(metadata: "assignment_id", assignmentID)
        if let paid = found.first(where: { if case .succeeded = $0 { true } else { false } }) { return Self.outcome(paid) }
        return found.first.map(Self.outcome)
    }

    public func reportUsage(_ event: UsageEvent) async throws -> String {
        try await client.meterEvent(
            eventName: meterEventName, customer: event.customer, value: event.value, identifier: event.identifier, timestamp: event.timestamp)
    }

    public func refund(_ request: RefundRequest) async throws -> String {
        try await client.refund(
            paymentIntent: request.chargeReference, amount: request.amount, metadata: request.metadata, idempotencyKey: request.idempotencyKey)
    }

    public func cancelUsage(identifier: String, customer: String) async throws -> String {
        try await client.cancelMeterEvent(eventName: meterEventName, identifier: identifier)
    }

    static func outcome(_ outcome: StripeClient.Outcome) -> ChargeOutcome {
        switch outcome {
        case .succeeded(let intent):
            return .succeeded(reference: intent)
        case .declined(let intent, let code, let declineCode):
            return .declined(reference: intent, reason: declineCode.map { "\(code): \($0)" } ?? code)
        case .pending(let intent, "requires_payment_method"):
            return .declined(reference: intent, reason: "requires_payment_method")
        case .pending(let intent, _):
            return .processing(reference: intent)
        }
    }
}
