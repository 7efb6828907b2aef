import Foundation
import LeadModel

/// One pending charge's way to its outcome, as a state machine: the bill stage feeds it what happened
/// (`Event`) and performs what it answers (`Action`), so every rule of the attempt — no card, a card that
/// already failed, a key older than the provider keeps, meter event or PaymentIntent, a decline — is
/// decided here and tested without a database or a provider.
///
/// ```
/// start ──no card / card already failing──────────────────────────▶ settle(declined) + release
///   │
///   └──▶ recordAttempt ──attemptRecorded──▶ send (meter event │ PaymentIntent)
///                              │                 │
///                              └─key too old─▶ lookUp ──found──▶ settle
///                                                   └─none───▶ send ──answered──▶ settle (+ release if declined)
/// ```
public struct ChargeAttempt: Sendable {
    /// The charge as the outbox holds it.
    public struct Charge: Sendable, Hashable {
        public var method: ChargeMethod
        public var customer: String?
        public var paymentMethod: String?
        /// When the first request was about to be sent, if one ever was.
        public var firstAttempt: Date?
        /// Why the plumber's card failed, if it has (before this run, or earlier in it).
        public var cardFailure: String?

        public init(method: ChargeMethod, customer: String?, paymentMethod: String?, firstAttempt: Date?, cardFailure: String?) {
            (self.method, self.customer, self.paymentMethod, self.firstAttempt, self.cardFailure) =
                (method, customer, paymentMethod, firstAttempt, cardFailure)
        }
    }

    /// What happened.
    public enum Event: Sendable, Hashable {
        case start
        /// The attempt is committed (before any request).
        case attemptRecorded
        /// The provider was asked for a charge made with this assignment id; nil when it knows none.
        case lookedUp(ChargeOutcome?)
        /// The provider answered the request.
        case answered(ChargeOutcome)
    }

    /// What to do next.
    public enum Action: Sendable, Hashable {
        /// Commit the attempt (its count and first time) before any request.
        case recordAttempt
        /// Ask the provider whether a charge for the assignment exists (the key may be forgotten).
        case lookUp
        /// Report one overage lead as a meter event to `customer`, keyed by the charge key.
        case sendMeterEvent(customer: String)
        /// Charge the card off-session, keyed by the charge key.
        case sendPaymentIntent(customer: String, paymentMethod: String)
        /// Commit the outcome; the attempt is over.
        case settle(ChargeOutcome)
        /// Commit the decline, mark the card failing and give the lead to the next eligible plumber.
        case settleAndRelease(ChargeOutcome, reason: String)
    }

    /// Stripe keeps idempotency keys for about 24 hours; past this age an attempt is looked up first.
    public static let keyLifetime: TimeInterval = 23 * 3600

    private enum State: Sendable {
        case initial, recording, lookingUp, sending, settled
    }

    private let charge: Charge
    private let now: Date
    private var state = State.initial

    /// The attempt of `charge` at `now`.
    public init(_ charge: Charge, now: Date) {
        self.charge = charge
        self.now = now
    }

    /// The action `event` calls for.
    public mutating func next(_ event: Event) -> Action {
        switch (state, event) {
        case (.initial, .start):
            guard charge.customer != nil, charge.method == .meterEvent || charge.paymentMethod != nil else {
                return settle(.declined(reference: nil, reason: "no card on file"))
            }
            if charge.method == .paymentIntent, charge.firstAttempt == nil, let failure = charge.cardFailure {
                // The card already failed (earlier in this run, or before): no request; the lead moves on.
                return settle(.declined(reference: nil, reason: failure))
            }
            state = .recording
            return .recordAttempt
        case (.recording, .attemptRecorded):
            if charge.method == .paymentIntent, let first = charge.firstAttempt, now.timeIntervalSince(first) > Self.keyLifetime {
                state = .lookingUp
                return .lookUp
            }
            return send()
        case (.lookingUp, .lookedUp(let found)):
            if let found { return settle(found) }
            return send()
        case (.sending, .answered(let outcome)):
            return settle(outcome)
        default:
            preconditionFailure("charge attempt: \(event) does not follow \(state)")
        }
    }

    private mutating func send() -> Action {
        state = .sending
        switch charge.method {
        case .meterEvent: return .sendMeterEvent(customer: charge.customer!)
        default: return .sendPaymentIntent(customer: charge.customer!, paymentMethod: charge.paymentMethod!)
        }
    }

    private mutating func settle(_ outcome: ChargeOutcome) -> Action {
        state = .settled
        if case .declined(_, let reason) = outcome { return .settleAndRelease(outcome, reason: reason) }
        return .settle(outcome)
    }
}
