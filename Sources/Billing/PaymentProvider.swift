import Foundation
import LeadModel

/// One off-session card charge: who pays, with which saved card, how much, and the key that makes a
/// retry safe.
public struct ChargeRequest: Sendable, Hashable, Codable {
    /// Deterministic per assignment: a replay sends the same key and the provider answers as before.
    public var idempotencyKey: String
    /// The provider's customer id (`cus_…`).
    public var customer: String
    /// The saved payment method (`pm_…`).
    public var paymentMethod: String
    public var amount: Money
    public var description: String
    /// Our ids (assignment, lead, date); never PII.
    public var metadata: [String: String]

    public init(idempotencyKey: String, customer: String, paymentMethod: String, amount: Money, description: String, metadata: [String: String]) {
        self.idempotencyKey = idempotencyKey
        self.customer = customer
        self.paymentMethod = paymentMethod
        self.amount = amount
        self.description = description
        self.metadata = metadata
    }
}

/// The provider's answer to a charge.
public enum ChargeOutcome: Sendable, Hashable, Codable {
    case succeeded(reference: String)
    /// The card was declined or needs its holder present (`card_declined: insufficient_funds`,
    /// `authentication_required`): the lead goes to the next plumber and the card is marked failing.
    case declined(reference: String?, reason: String)
    /// Accepted but not final (`processing`): looked up again on the next run.
    case processing(reference: String)
}

/// One unit of subscription usage beyond the included leads (a Stripe billing meter event).
public struct UsageEvent: Sendable, Hashable, Codable {
    /// Unique per assignment; the provider ignores an identifier it has already seen.
    public var identifier: String
    public var customer: String
    public var value: Int
    public var timestamp: Date

    public init(identifier: String, customer: String, value: Int = 1, timestamp: Date) {
        self.identifier = identifier
        self.customer = customer
        self.value = value
        self.timestamp = timestamp
    }
}

/// Money given back on an earlier charge.
public struct RefundRequest: Sendable, Hashable, Codable {
    public var idempotencyKey: String
    /// The charge's provider reference (`pi_…`).
    public var chargeReference: String
    public var amount: Money
    /// Our ids and the credit's reason code; never PII.
    public var metadata: [String: String]

    public init(idempotencyKey: String, chargeReference: String, amount: Money, metadata: [String: String]) {
        self.idempotencyKey = idempotencyKey
        self.chargeReference = chargeReference
        self.amount = amount
        self.metadata = metadata
    }
}

/// A payment service. Calls with the same idempotency key (or usage identifier) must return the first
/// call's outcome and move money at most once.
public protocol PaymentProvider: Sendable {
    /// A short name stored with each charge (`ledger`, `stripe`).
    var name: String { get }
    func charge(_ request: ChargeRequest) async throws -> ChargeOutcome
    /// The charge made for `assignmentID` (by its metadata), if any: how an attempt whose outcome is
    /// unknown, and older than the provider keeps idempotency keys, is settled before trying again.
    func findCharge(assignmentID: String) async throws -> ChargeOutcome?
    /// Reports usage; returns the provider's reference.
    func reportUsage(_ event: UsageEvent) async throws -> String
    /// Refunds part or all of a charge; returns the refund's reference.
    func refund(_ request: RefundRequest) async throws -> String
    /// Cancels a usage event reported earlier (a credited overage lead); returns the provider's reference.
    func cancelUsage(identifier: String, customer: String) async throws -> String
}
