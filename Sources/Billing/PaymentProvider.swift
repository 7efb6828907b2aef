import Foundation
import LeadModel

/// One charge to make: who pays, how much, and the key that makes a retry safe.
public struct ChargeRequest: Sendable, Hashable, Codable {
    /// Deterministic per assignment: a replay sends the same key and the provider answers as before.
    public var idempotencyKey: String
    /// The roster id of the plumber being charged.
    public var customer: String
    public var amount: Money
    public var description: String
    /// Our ids (assignment, lead, date); never PII.
    public var metadata: [String: String]

    public init(idempotencyKey: String, customer: String, amount: Money, description: String, metadata: [String: String]) {
        self.idempotencyKey = idempotencyKey
        self.customer = customer
        self.amount = amount
        self.description = description
        self.metadata = metadata
    }
}

/// The provider's answer to a charge.
public enum ChargeOutcome: Sendable, Hashable, Codable {
    case succeeded(reference: String)
    case declined(reason: String)
}

/// A payment service. Calls with the same idempotency key must return the first call's outcome.
public protocol PaymentProvider: Sendable {
    /// A short name stored with each charge (`ledger`, `stripe`).
    var name: String { get }
    func charge(_ request: ChargeRequest) async throws -> ChargeOutcome
}
