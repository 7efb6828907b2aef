import Billing
import Foundation
import LeadModel
import Testing

/// The charge attempt's rules, event by event, without a database or a provider.
@Suite struct ChargeAttemptTests {
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    func charge(
        _ method: ChargeMethod = .paymentIntent, customer: String? = "cus_1", paymentMethod: String? = "pm_1", firstAttempt: Date? = nil,
        cardFailure: String? = nil
    ) -> ChargeAttempt.Charge {
        ChargeAttempt.Charge(method: method, customer: customer, paymentMethod: paymentMethod, firstAttempt: firstAttempt, cardFailure: cardFailure)
    }

    @Test func aCardChargeIsRecordedBeforeItIsSentAndSettledAsAnswered() {
        var attempt = ChargeAttempt(charge(), now: now)
        #expect(attempt.next(.start) == .recordAttempt)
        #expect(attempt.next(.attemptRecorded) == .sendPaymentIntent(customer: "cus_1", paymentMethod: "pm_1"))
        #expect(attempt.next(.answered(.succeeded(reference: "pi_1"))) == .settle(.succeeded(reference: "pi_1")))
    }

    @Test func anOverageLeadIsAMeterEventAndNeedsNoCard() {
        var attempt = ChargeAttempt(charge(.meterEvent, paymentMethod: nil), now: now)
        #expect(attempt.next(.start) == .recordAttempt)
        #expect(attempt.next(.attemptRecorded) == .sendMeterEvent(customer: "cus_1"))
    }

    @Test func withoutACardNothingIsSentAndTheLeadMovesOn() {
        var noCustomer = ChargeAttempt(charge(customer: nil), now: now)
        #expect(noCustomer.next(.start) == .settleAndRelease(.declined(reference: nil, reason: "no card on file"), reason: "no card on file"))
        var noMethod = ChargeAttempt(charge(paymentMethod: nil), now: now)
        #expect(noMethod.next(.start) == .settleAndRelease(.declined(reference: nil, reason: "no card on file"), reason: "no card on file"))
        var meterWithoutCustomer = ChargeAttempt(charge(.meterEvent, customer: nil, paymentMethod: nil), now: now)
        #expect(meterWithoutCustomer.next(.start) == .settleAndRelease(.declined(reference: nil, reason: "no card on file"), reason: "no card on file"))
    }

    @Test func aCardAlreadyFailingIsNotTriedAgainForANewCharge() {
        var fresh = ChargeAttempt(charge(cardFailure: "card_declined: insufficient_funds"), now: now)
        #expect(fresh.next(.start) == .settleAndRelease(
            .declined(reference: nil, reason: "card_declined: insufficient_funds"), reason: "card_declined: insufficient_funds"))
        // A charge already in flight when the card failed is finished with its own key: the provider
        // may have taken it.
        var inFlight = ChargeAttempt(charge(firstAttempt: now.addingTimeInterval(-60), cardFailure: "expired_card"), now: now)
        #expect(inFlight.next(.start) == .recordAttempt)
        #expect(inFlight.next(.attemptRecorded) == .sendPaymentIntent(customer: "cus_1", paymentMethod: "pm_1"))
    }

    @Test func aKeyOlderThanTheProviderKeepsIsLookedUpFirst() {
        let old = now.addingTimeInterval(-ChargeAttempt.keyLifetime - 1)
        var found = ChargeAttempt(charge(firstAttempt: old), now: now)
        #expect(found.next(.start) == .recordAttempt)
        #expect(found.next(.attemptRecorded) == .lookUp)
        #expect(found.next(.lookedUp(.succeeded(reference: "pi_old"))) == .settle(.succeeded(reference: "pi_old")))

        var none = ChargeAttempt(charge(firstAttempt: old), now: now)
        _ = none.next(.start)
        _ = none.next(.attemptRecorded)
        #expect(none.next(.lookedUp(nil)) == .sendPaymentIntent(customer: "cus_1", paymentMethod: "pm_1"))

        // Within the key's lifetime a retry is simply sent again with the same key.
        var recent = ChargeAttempt(charge(firstAttempt: now.addingTimeInterval(-ChargeAttempt.keyLifetime + 60)), now: now)
        _ = recent.next(.start)
        #expect(recent.next(.attemptRecorded) == .sendPaymentIntent(customer: "cus_1", paymentMethod: "pm_1"))
        // A meter event's identifier is never looked up: Stripe refuses a repeat for good.
        var meter = ChargeAttempt(charge(.meterEvent, firstAttempt: old), now: now)
        _ = meter.next(.start)
        #expect(meter.next(.attemptRecorded) == .sendMeterEvent(customer: "cus_1"))
    }

    @Test func aDeclineReleasesTheLeadAndProcessingWaits() {
        var declined = ChargeAttempt(charge(), now: now)
        _ = declined.next(.start)
        _ = declined.next(.attemptRecorded)
        #expect(declined.next(.answered(.declined(reference: "pi_2", reason: "authentication_required")))
            == .settleAndRelease(.declined(reference: "pi_2", reason: "authentication_required"), reason: "authentication_required"))

        var processing = ChargeAttempt(charge(), now: now)
        _ = processing.next(.start)
        _ = processing.next(.attemptRecorded)
        #expect(processing.next(.answered(.processing(reference: "pi_3"))) == .settle(.processing(reference: "pi_3")))
    }
}
