@testable import Billing
import Foundation
import LeadModel
import NIOCore
import Logging
import Synchronization
import TestSupport
import Testing

@Suite struct StripeClientTests {
    /// Records the waits instead of sleeping.
    final class Pauses: Sendable {
        let waits = Mutex<[Duration]>([])
        var all: [Duration] { waits.withLock { $0 } }
    }

    static func client(_ fake: FakeStripe, key: String = FakeStripe.secretKey, attempts: Int = 4, pauses: Pauses = Pauses()) -> StripeClient {
        StripeClient(
            configuration: .init(secretKey: Secret(key), baseURL: fake.url, attempts: attempts, baseDelay: .milliseconds(500)),
            logger: Logger(label: "stripe-test"), pause: { duration in pauses.waits.withLock { $0.append(duration) } }, random: { 0.5 })
    }

    static let request = StripeClient.PaymentIntentRequest(
        customer: "cus_Q1", paymentMethod: "pm_card_visa", amount: Money(cents: 4500, currency: "USD"),
        description: "PlumberLeads lead 77 (leak, emergency)", metadata: ["lead_id": "77", "assignment_id": "12", "business_date": "2026-11-24"])

    static func withFake(_ body: (FakeStripe) async throws -> Void) async throws {
        let fake = try await FakeStripe()
        do {
            try await body(fake)
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    @Test func chargeSendsStripesWireFormat() async throws {
        try await Self.withFake { fake in
            let outcome = try await Self.client(fake).charge(Self.request, idempotencyKey: "assignment-12")
            #expect(outcome == .succeeded(paymentIntent: "pi_fake1"))
            let sent = try #require(fake.lastRequest)
            #expect(sent.method == "POST" && sent.path == "/v1/payment_intents")
            #expect(sent.headers["authorization"] == "Bearer \(FakeStripe.secretKey)")
            #expect(sent.headers["idempotency-key"] == "assignment-12")
            #expect(sent.headers["stripe-version"] == StripeClient.apiVersion)
            #expect(sent.body == "amount=4500&currency=usd&customer=cus_Q1&payment_method=pm_card_visa&off_session=true&confirm=true"
                + "&description=PlumberLeads%20lead%2077%20%28leak%2C%20emergency%29"
                + "&metadata[assignment_id]=12&metadata[business_date]=2026-11-24&metadata[lead_id]=77")
        }
    }

    @Test func aRetryWithTheSameKeyIsReplayedNotChargedAgain() async throws {
        try await Self.withFake { fake in
            let client = Self.client(fake)
            let first = try await client.charge(Self.request, idempotencyKey: "assignment-12")
            let again = try await client.charge(Self.request, idempotencyKey: "assignment-12")
            #expect(first == again)
            #expect(fake.charges == 1)
        }
    }

    @Test func theSameKeyWithOtherParametersStopsLoudly() async throws {
        try await Self.withFake { fake in
            let client = Self.client(fake)
            _ = try await client.charge(Self.request, idempotencyKey: "assignment-12")
            var other = Self.request
            other.amount = Money(cents: 9900, currency: "USD")
            await #expect(throws: StripeClientError.self) { try await client.charge(other, idempotencyKey: "assignment-12") }
            #expect(fake.charges == 1)
        }
    }

    @Test("declines are outcomes with Stripe's codes", arguments: [
        ("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds" as String?),
        ("pm_card_authenticationRequired", "authentication_required", nil),
    ])
    func declines(paymentMethod: String, code: String, declineCode: String?) async throws {
        try await Self.withFake { fake in
            var request = Self.request
            request.paymentMethod = paymentMethod
            let outcome = try await Self.client(fake).charge(request, idempotencyKey: "assignment-13")
            #expect(outcome == .declined(paymentIntent: "pi_fake1", code: code, declineCode: declineCode))
            #expect(fake.requestCount == 1)  // a decline is not retried
        }
    }

    @Test func rateLimitWaitsForRetryAfter() async throws {
        try await Self.withFake { fake in
            fake.queue(.tooManyRequests(retryAfter: "2"))
            let pauses = Pauses()
            let outcome = try await Self.client(fake, pauses: pauses).charge(Self.request, idempotencyKey: "assignment-12")
            #expect(outcome == .succeeded(paymentIntent: "pi_fake1"))
            #expect(pauses.all == [.seconds(2)])
        }
    }

    @Test("Retry-After is capped: a 429 asking for a day waits maxDelay", arguments: ["86400", "1e12", "31"])
    func retryAfterIsCapped(header: String) async throws {
        try await Self.withFake { fake in
            fake.queue(.tooManyRequests(retryAfter: header))
            let pauses = Pauses()
            _ = try await Self.client(fake, pauses: pauses).charge(Self.request, idempotencyKey: "assignment-12")
            #expect(pauses.all == [.seconds(30)])
        }
    }

    @Test func aRetryAfterThatIsNotSecondsFallsBackToBackoff() async throws {
        try await Self.withFake { fake in
            fake.queue(.tooManyRequests(retryAfter: "-5"))
            let pauses = Pauses()
            _ = try await Self.client(fake, pauses: pauses).charge(Self.request, idempotencyKey: "assignment-12")
            #expect(pauses.all == [.milliseconds(250)])
        }
    }

    @Test func aStripeThatNeverAnswersGivesUpAfterEachAttemptsDeadline() async throws {
        try await Self.withFake { fake in
            fake.queue(.neverAnswer, .neverAnswer)
            let pauses = Pauses()
            let client = StripeClient(
                configuration: .init(secretKey: Secret(FakeStripe.secretKey), baseURL: fake.url, attempts: 2, timeout: .milliseconds(300)),
                logger: Logger(label: "stripe-test"), pause: { duration in pauses.waits.withLock { $0.append(duration) } }, random: { 0.5 })
            await #expect(throws: StripeClientError.self) { _ = try await client.charge(Self.request, idempotencyKey: "assignment-12") }
            #expect(pauses.all.count == 1, "one retry after the first deadline, then it gives up")
            #expect(StripeClient.Configuration(secretKey: Secret("sk_test_x")).timeout <= .seconds(10), "a batch does not sit on a silent server")
        }
    }

    @Test func serverErrorsBackOffWithJitter() async throws {
        try await Self.withFake { fake in
            fake.queue(.serverError, .serverError)
            let pauses = Pauses()
            _ = try await Self.client(fake, pauses: pauses).charge(Self.request, idempotencyKey: "assignment-12")
            // Full jitter with random() = 0.5: half of 0.5 s, then half of 1 s.
            #expect(pauses.all == [.milliseconds(250), .milliseconds(500)])
            #expect(fake.charges == 1)
        }
    }

    @Test func aConnectionDroppedAfterTheChargeIsRetriedWithTheSameKeyAndChargesOnce() async throws {
        try await Self.withFake { fake in
            fake.queue(.dropAfterCharge)
            let outcome = try await Self.client(fake).charge(Self.request, idempotencyKey: "assignment-12")
            #expect(outcome == .succeeded(paymentIntent: "pi_fake1"))
            #expect(fake.requestCount == 2)
            #expect(fake.charges == 1)
        }
    }

    @Test func outcomeUnknownAfterEveryRetry() async throws {
        try await Self.withFake { fake in
            fake.queue(.serverError, .serverError, .serverError)
            let pauses = Pauses()
            await #expect(throws: StripeClientError.unavailable("HTTP 500")) {
                try await Self.client(fake, attempts: 3, pauses: pauses).charge(Self.request, idempotencyKey: "assignment-12")
            }
            #expect(pauses.all.count == 2)
            #expect(fake.charges == 0)
        }
    }

    @Test func aWrongKeyIsRejectedWithoutRetrying() async throws {
        try await Self.withFake { fake in
            await #expect(throws: StripeClientError.self) {
                try await Self.client(fake, key: "sk_test_wrong").charge(Self.request, idempotencyKey: "assignment-12")
            }
            #expect(fake.requestCount == 1)
        }
    }

    @Test func anOldChargeIsFoundByItsAssignment() async throws {
        try await Self.withFake { fake in
            let client = Self.client(fake)
            _ = try await client.charge(Self.request, idempotencyKey: "assignment-12")
            let found = try await client.paymentIntents(metadata: "assignment_id", "12")
            #expect(found == [.succeeded(paymentIntent: "pi_fake1")], "\(String(describing: fake.lastRequest?.path))")
            #expect(try await client.paymentIntents(metadata: "assignment_id", "99") == [])
        }
    }

    @Test func formEncodingRoundTrips() {
        var form = StripeForm()
        form.add("description", "Lead #7: 50% off & more")
        form.add("metadata", dictionary: ["b": "2", "a": "ü"])
        #expect(form.encoded == "description=Lead%20%237%3A%2050%25%20off%20%26%20more&metadata[a]=%C3%BC&metadata[b]=2")
        #expect(StripeForm.parse(form.encoded).map { "\($0.key)=\($0.value)" } == ["description=Lead #7: 50% off & more", "metadata[a]=ü", "metadata[b]=2"])
    }
}
