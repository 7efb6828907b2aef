import AsyncHTTPClient
import Foundation
import LeadModel
import Logging
import NIOCore
import NIOHTTP1

/// Stripe's REST API as far as billing needs it: off-session PaymentIntents confirmed at once, and
/// a search for the PaymentIntent of an assignment whose outcome is unknown.
///
/// Errors are handled as Stripe documents them (https://docs.stripe.com/error-handling): a decline
/// (`card_error`, with its `decline_code`) or `authentication_required` is an outcome, not an error;
/// 429, 409 (the same key in flight) and 5xx — and a connection that drops — are retried with the
/// same idempotency key, so Stripe replays the first result instead of charging again, after
/// `Retry-After` when given, else exponential backoff with full jitter; `idempotency_error` stops the run.
/// The secret key travels only in the `Authorization` header and is never logged.
public struct StripeClient: Sendable {
    public struct Configuration: Sendable {
        public var baseURL: String
        public var secretKey: Secret
        /// Attempts per request, the first included.
        public var attempts: Int
        public var baseDelay: Duration
        /// The longest wait between attempts, whatever `Retry-After` asks for.
        public var maxDelay: Duration
        /// How long one attempt may take, connection included: a batch would rather retry (same key) or
        /// stop than sit on an unresponsive server.
        public var timeout: TimeAmount

        public init(
            secretKey: Secret, baseURL: String = "https://api.stripe.com", attempts: Int = 5, baseDelay: Duration = .milliseconds(500),
            maxDelay: Duration = .seconds(30), timeout: TimeAmount = .seconds(10)
        ) {
            self.secretKey = secretKey
            self.baseURL = baseURL
            self.attempts = attempts
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
            self.timeout = timeout
        }
    }

    /// The API version the request and response shapes were written against.
    public static let apiVersion = "2024-06-20"

    public let configuration: Configuration
    let http: HTTPClient
    let logger: Logger
    /// Waits between attempts (tests pass a recorder instead of sleeping).
    let pause: @Sendable (Duration) async throws -> Void
    /// 0..<1, for jitter.
    let random: @Sendable () -> Double

    public init(
        configuration: Configuration, http: HTTPClient = .shared, logger: Logger,
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
        self.pause = pause
        self.random = random
    }

    /// An off-session charge of a saved card.
    public struct PaymentIntentRequest: Sendable, Hashable {
        public var customer: String
        public var paymentMethod: String
        public var amount: Money
        public var description: String
        /// Our ids only (assignment, lead, date); never PII.
        public var metadata: [String: String]

        public init(customer: String, paymentMethod: String, amount: Money, description: String, metadata: [String: String]) {
            self.customer = customer
            self.paymentMethod = paymentMethod
            self.amount = amount
            self.description = description
            self.metadata = metadata
        }

        var form: StripeForm {
            var form = StripeForm()
            form.add("amount", String(amount.cents))
            form.add("currency", amount.currency.lowercased())
            form.add("customer", customer)
            form.add("payment_method", paymentMethod)
            form.add("off_session", "true")
            form.add("confirm", "true")
            form.add("description", description)
            form.add("metadata", dictionary: metadata)
            return form
        }
    }

    /// What became of a charge.
    public enum Outcome: Sendable, Equatable {
        case succeeded(paymentIntent: String)
        /// The card was declined or needs the customer present; `code` is Stripe's (`card_declined`,
        /// `authentication_required`, …), `declineCode` the issuer's reason when given.
        case declined(paymentIntent: String?, code: String, declineCode: String?)
        /// Any other PaymentIntent status (`processing`, `requires_action`): not paid yet.
        case pending(paymentIntent: String, status: String)
    }

    struct PaymentIntent: Decodable {
        var id: String
        var status: String
    }

    struct ErrorEnvelope: Decodable {
        var error: StripeAPIError
    }

    /// Creates and confirms the PaymentIntent; a retry with the same key gets Stripe's first answer.
    public func charge(_ request: PaymentIntentRequest, idempotencyKey: String) async throws -> Outcome {
        let (status, body) = try await send(.POST, "/v1/payment_intents", form: request.form, idempotencyKey: idempotencyKey)
        switch status.code {
        case 200..<300:
            let intent = try decode(PaymentIntent.self, body)
            return intent.status == "succeeded" ? .succeeded(paymentIntent: intent.id) : .pending(paymentIntent: intent.id, status: intent.status)
        default:
            let error = try decode(ErrorEnvelope.self, body).error
            if error.type == "card_error" || error.code == "authentication_required" {
                return .declined(paymentIntent: error.paymentIntentID, code: error.code ?? "card_error", declineCode: error.declineCode)
            }
            throw StripeClientError.rejected(error)
        }
    }

    /// Records usage on a billing meter (`POST /v1/billing/meter_events`). Stripe ignores a second event
    /// with the same `identifier` (within at least 24 hours), so a retry cannot count a lead twice.
    /// Returns the identifier Stripe recorded.
    public func meterEvent(eventName: String, customer: String, value: Int, identifier: String, timestamp: Date) async throws -> String {
        struct MeterEvent: Decodable { var identifier: String }
        var form = StripeForm()
        form.add("event_name", eventName)
        form.add("payload[stripe_customer_id]", customer)
        form.add("payload[value]", String(value))
        form.add("identifier", identifier)
        form.add("timestamp", String(Int(timestamp.timeIntervalSince1970)))
        let (status, body) = try await send(.POST, "/v1/billing/meter_events", form: form, idempotencyKey: identifier)
        guard (200..<300).contains(status.code) else { throw StripeClientError.rejected(try decode(ErrorEnvelope.self, body).error) }
        return try decode(MeterEvent.self, body).identifier
    }

    /// Cancels a meter event reported earlier (`POST /v1/billing/meter_event_adjustments`, type `cancel`),
    /// so a credited overage lead is not invoiced. Returns the event's identifier.
    public func cancelMeterEvent(eventName: String, identifier: String) async throws -> String {
        var form = StripeForm()
        form.add("event_name", eventName)
        form.add("type", "cancel")
        form.add("cancel[identifier]", identifier)
        let (status, body) = try await send(.POST, "/v1/billing/meter_event_adjustments", form: form, idempotencyKey: "cancel-" + identifier)
        guard (200..<300).contains(status.code) else { throw StripeClientError.rejected(try decode(ErrorEnvelope.self, body).error) }
        return identifier
    }

    /// Refunds `amount` of a PaymentIntent (`POST /v1/refunds`); returns the refund's id.
    public func refund(paymentIntent: String, amount: Money, metadata: [String: String], idempotencyKey: String) async throws -> String {
        struct Refund: Decodable { var id: String; var status: String }
        var form = StripeForm()
        form.add("payment_intent", paymentIntent)
        form.add("amount", String(amount.cents))
        form.add("metadata", dictionary: metadata)
        let (status, body) = try await send(.POST, "/v1/refunds", form: form, idempotencyKey: idempotencyKey)
        guard (200..<300).contains(status.code) else { throw StripeClientError.rejected(try decode(ErrorEnvelope.self, body).error) }
        let refund = try decode(Refund.self, body)
        guard refund.status != "failed", refund.status != "canceled" else {
            throw StripeClientError.rejected(StripeAPIError(type: "refund", code: refund.status, message: "refund \(refund.id) \(refund.status)"))
        }
        return refund.id
    }

    /// The PaymentIntents whose metadata has `key` = `value` (Stripe's search API), newest first: how a
    /// charge whose outcome is unknown, and older than Stripe keeps idempotency keys, is found again.
    public func paymentIntents(metadata key: String, _ value: String) async throws -> [Outcome] {
        struct Page: Decodable { var data: [PaymentIntent] }
        var form = StripeForm()
        form.add("query", "metadata['\(key)']:'\(value)'")
        let (status, body) = try await send(.GET, "/v1/payment_intents/search?" + form.query, form: nil, idempotencyKey: nil)
        guard (200..<300).contains(status.code) else { throw StripeClientError.rejected(try decode(ErrorEnvelope.self, body).error) }
        return try decode(Page.self, body).data.map {
            $0.status == "succeeded" ? .succeeded(paymentIntent: $0.id) : .pending(paymentIntent: $0.id, status: $0.status)
        }
    }

    /// One request with Stripe's retry rules; returns the final status and body (errors Stripe answered
    /// with included, for the caller to read).
    func send(_ method: HTTPMethod, _ path: String, form: StripeForm?, idempotencyKey: String?) async throws -> (HTTPResponseStatus, ByteBuffer) {
        var request = HTTPClientRequest(url: configuration.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.secretKey.exposed)")
        request.headers.add(name: "Stripe-Version", value: Self.apiVersion)
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form.encoded))
        }
        var lastProblem = ""
        for attempt in 1...max(1, configuration.attempts) {
            var wait: Duration?
            do {
                let response = try await http.execute(request, timeout: configuration.timeout)
                let body = try await response.body.collect(upTo: 1 << 20)
                let retryable = response.status == .tooManyRequests || response.status == .conflict || response.status.code >= 500
                let shouldRetry = response.headers.first(name: "Stripe-Should-Retry").map { $0 == "true" } ?? retryable
                if response.status.code == 400, let error = try? decode(ErrorEnvelope.self, body).error, error.type == "idempotency_error" {
                    throw StripeClientError.idempotencyConflict(error.message ?? "idempotency_error")
                }
                guard shouldRetry, !(200..<300).contains(response.status.code) else { return (response.status, body) }
                lastProblem = "HTTP \(response.status.code)"
                wait = response.headers.first(name: "Retry-After").flatMap { retryAfter($0) }
            } catch let error as StripeClientError {
                throw error
            } catch {
                lastProblem = "\(error)"  // no answer: the charge may or may not exist; the same key finds out
            }
            guard attempt < configuration.attempts else { break }
            let delay = wait ?? backoff(attempt)
            logger.warning("stripe \(method.rawValue) \(path.split(separator: "?")[0]): \(lastProblem), attempt \(attempt) of \(configuration.attempts), retrying in \(delay)")
            try await pause(delay)
        }
        throw StripeClientError.unavailable(lastProblem)
    }

    /// `Retry-After` seconds as a wait, capped at `maxDelay` (a 429 asking for a day must not stall the
    /// stage a day); nil when the header is not a number of seconds.
    func retryAfter(_ header: String) -> Duration? {
        guard let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else { return nil }
        return min(configuration.maxDelay, .milliseconds(Int(min(seconds, 86_400) * 1000)))
    }

    /// Exponential backoff with full jitter: a random wait up to base·2^(attempt−1), capped.
    func backoff(_ attempt: Int) -> Duration {
        let ceiling = min(configuration.maxDelay, configuration.baseDelay * (1 << min(attempt - 1, 20)))
        return ceiling * random()
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: ByteBuffer) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            throw StripeClientError.malformedResponse("\(type): \(String(buffer: body).prefix(200))")
        }
    }
}
