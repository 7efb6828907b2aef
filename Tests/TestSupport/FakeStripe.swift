import Billing
import Foundation
import NIOHTTP1
import Synchronization

/// An in-process HTTP server that answers as Stripe does for what billing uses: the bearer key is
/// checked, bodies must be form-encoded, the first response to an idempotency key is replayed for the
/// same parameters and refused (`idempotency_error`) for others, Stripe's test payment methods decline
/// as documented, billing meter events are counted once per identifier, refunds need a succeeded
/// PaymentIntent and cannot exceed it, and faults can be queued: a 429 with `Retry-After`, a 500, or a
/// connection dropped after the request was carried out.
public final class FakeStripe: Sendable {
    /// `neverAnswer`: the request is read and nothing is ever sent back (the connection stays open).
    public enum Fault: Sendable { case tooManyRequests(retryAfter: String?), serverError, dropAfterCharge, neverAnswer }

    struct Stored: Sendable {
        var body: String
        var status: HTTPResponseStatus
        var response: String
    }

    /// A PaymentIntent as the fake keeps it.
    public struct Intent: Sendable {
        public var id: String
        public var status: String
        public var amount: Int64
        public var customer: String
        public var metadata: [String: String]
        public var refunded: Int64 = 0
    }

    struct State: Sendable {
        var faults: [Fault] = []
        var byKey: [String: Stored] = [:]
        var intents: [Intent] = []
        var meterEvents: [String: (customer: String, value: Int)] = [:]
        var refunds: [(id: String, intent: String, amount: Int64)] = []
        var cancelledMeterEvents: [String] = []
        var requests: [(method: String, path: String, headers: [String: String], body: String)] = []
    }

    public static let secretKey = "sk_test_fake_4eC39HqLyjWDarjtT1zdp7dc"
    let state = Mutex(State())
    private let server: FakeHTTPServer
    public var url: String { server.url }

    public init() async throws {
        let box = StateBox()
        server = try await FakeHTTPServer { request in
            guard let fake = box.server else { return .drop }
            switch fake.handle(method: request.method, uri: request.uri, headers: request.headers, body: request.body) {
            case .respond(let status, let body, let headers): return .respond(status, body: body, headers: headers)
            case .drop: return .drop
            case .silence: return .silence
            }
        }
        box.server = self
    }

    public func shutdown() async throws { try await server.shutdown() }

    public func queue(_ faults: Fault...) { state.withLock { $0.faults += faults } }

    /// PaymentIntents that succeeded (created, not replayed).
    public var charges: Int { state.withLock { $0.intents.filter { $0.status == "succeeded" }.count } }
    /// Every PaymentIntent created, in order.
    public var intents: [Intent] { state.withLock { $0.intents } }
    /// Meter events by identifier.
    public var meterEvents: [String: (customer: String, value: Int)] { state.withLock { $0.meterEvents } }
    /// Meter events cancelled by an adjustment.
    public var cancelledMeterEvents: [String] { state.withLock { $0.cancelledMeterEvents } }
    /// Refunds made: (id, PaymentIntent, amount).
    public var refunds: [(id: String, intent: String, amount: Int64)] { state.withLock { $0.refunds } }
    public var requestCount: Int { state.withLock { $0.requests.count } }
    public var lastRequest: (method: String, path: String, headers: [String: String], body: String)? { state.withLock { $0.requests.last } }

    /// What to send back: a response, or nothing (the connection is closed).
    enum Reply { case respond(HTTPResponseStatus, String, [(String, String)]), drop, silence }

    func handle(method: String, uri: String, headers: [String: String], body: String) -> Reply {
        state.withLock { state in
            state.requests.append((method, uri, headers, body))
            guard headers["authorization"] == "Bearer \(Self.secretKey)" else {
                return .respond(.unauthorized, Self.error("invalid_request_error", message: "Invalid API Key provided"), [])
            }
            let fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            switch fault {
            case .tooManyRequests(let retryAfter)?:
                return .respond(.tooManyRequests, Self.error("rate_limit_error", message: "Too many requests"), retryAfter.map { [("Retry-After", $0)] } ?? [])
            case .serverError?:
                return .respond(.internalServerError, Self.error("api_error", message: "Something went wrong on Stripe's end"), [])
            case .neverAnswer?:
                return .silence
            case .dropAfterCharge?, nil:
                break
            }
            if method == "GET", uri.hasPrefix("/v1/payment_intents/search?") {
                return .respond(.ok, Self.search(uri, intents: state.intents), [])
            }
            let routes = ["/v1/payment_intents", "/v1/billing/meter_events", "/v1/billing/meter_event_adjustments", "/v1/refunds"]
            guard method == "POST", routes.contains(uri) else { return .respond(.notFound, Self.error("invalid_request_error", message: "Unrecognized request URL"), []) }
            guard headers["content-type"] == "application/x-www-form-urlencoded" else {
                return .respond(.badRequest, Self.error("invalid_request_error", message: "Invalid request: expected form encoding"), [])
            }
            let reply: Stored
            if let key = headers["idempotency-key"], let first = state.byKey[key] {
                guard first.body == body else {
                    return .respond(.badRequest, Self.error("idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with."), [])
                }
                reply = first
            } else {
                switch uri {
                case "/v1/billing/meter_events": reply = Self.meterEvent(body, state: &state)
                case "/v1/refunds": reply = Self.refund(body, state: &state)
                case "/v1/billing/meter_event_adjustments": reply = Self.cancelMeterEvent(body, state: &state)
                default: reply = Self.create(body, state: &state)
                }
                if let key = headers["idempotency-key"] { state.byKey[key] = reply }
            }
            if case .dropAfterCharge? = fault { return .drop }
            return .respond(reply.status, reply.response, [])
        }
    }

    static func create(_ body: String, state: inout State) -> Stored {
        let fields = Dictionary(StripeForm.parse(body).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for required in ["amount", "currency", "customer", "payment_method"] where fields[required] == nil {
            return Stored(body: body, status: .badRequest, response: error("invalid_request_error", code: "parameter_missing", message: "Missing required param: \(required)."))
        }
        let metadata = Dictionary(fields.compactMap { key, value in
            key.hasPrefix("metadata[") ? (String(key.dropFirst(9).dropLast()), value) : nil
        }, uniquingKeysWith: { $1 })
        let id = "pi_fake\(state.intents.count + 1)"
        let amount = Int64(fields["amount"]!) ?? 0
        func intent(_ status: String) -> Intent { Intent(id: id, status: status, amount: amount, customer: fields["customer"]!, metadata: metadata) }
        switch fields["payment_method"] {
        case "pm_card_chargeDeclinedInsufficientFunds":
            state.intents.append(intent("requires_payment_method"))
            return Stored(body: body, status: .paymentRequired, response: error(
                "card_error", code: "card_declined", decline: "insufficient_funds", message: "Your card has insufficient funds.", intent: id))
        case "pm_card_authenticationRequired":
            state.intents.append(intent("requires_payment_method"))
            return Stored(body: body, status: .paymentRequired, response: error(
                "card_error", code: "authentication_required", message: "This payment required an authentication action to complete.", intent: id))
        default:
            state.intents.append(intent("succeeded"))
            return Stored(body: body, status: .ok, response: #"{"id":"\#(id)","object":"payment_intent","status":"succeeded","amount":\#(fields["amount"]!)}"#)
        }
    }

    static func meterEvent(_ body: String, state: inout State) -> Stored {
        let fields = Dictionary(StripeForm.parse(body).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for required in ["event_name", "payload[stripe_customer_id]", "payload[value]"] where fields[required] == nil {
            return Stored(body: body, status: .badRequest, response: error("invalid_request_error", code: "parameter_missing", message: "Missing required param: \(required)."))
        }
        let identifier = fields["identifier"] ?? "auto_\(state.meterEvents.count + 1)"
        guard state.meterEvents[identifier] == nil else {
            return Stored(body: body, status: .badRequest, response: error("invalid_request_error", code: "resource_already_exists", message: "An event already exists with identifier \(identifier)."))
        }
        state.meterEvents[identifier] = (fields["payload[stripe_customer_id]"]!, Int(fields["payload[value]"]!) ?? 0)
        return Stored(body: body, status: .ok, response: #"{"object":"billing.meter_event","event_name":"\#(fields["event_name"]!)","identifier":"\#(identifier)"}"#)
    }

    static func cancelMeterEvent(_ body: String, state: inout State) -> Stored {
        let fields = Dictionary(StripeForm.parse(body).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        guard fields["type"] == "cancel", let identifier = fields["cancel[identifier]"], state.meterEvents[identifier] != nil else {
            return Stored(body: body, status: .badRequest, response: error("invalid_request_error", code: "resource_missing", message: "No meter event to cancel"))
        }
        state.meterEvents[identifier] = nil
        state.cancelledMeterEvents.append(identifier)
        return Stored(body: body, status: .ok, response: #"{"object":"billing.meter_event_adjustment","status":"pending","type":"cancel"}"#)
    }

    static func refund(_ body: String, state: inout State) -> Stored {
        let fields = Dictionary(StripeForm.parse(body).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        guard let intentID = fields["payment_intent"], let index = state.intents.firstIndex(where: { $0.id == intentID }) else {
            return Stored(body: body, status: .notFound, response: error("invalid_request_error", code: "resource_missing", message: "No such payment_intent"))
        }
        let intent = state.intents[index]
        let amount = fields["amount"].flatMap { Int64($0) } ?? (intent.amount - intent.refunded)
        guard intent.status == "succeeded", amount > 0, intent.refunded + amount <= intent.amount else {
            return Stored(body: body, status: .badRequest, response: error("invalid_request_error", code: "charge_already_refunded", message: "The refund exceeds what is left of the charge."))
        }
        state.intents[index].refunded += amount
        let id = "re_fake\(state.refunds.count + 1)"
        state.refunds.append((id, intentID, amount))
        return Stored(body: body, status: .ok, response: #"{"id":"\#(id)","object":"refund","status":"succeeded","amount":\#(amount)}"#)
    }

    static func search(_ uri: String, intents: [Intent]) -> String {
        let query = StripeForm.parse(String(uri.split(separator: "?", maxSplits: 1)[1])).first { $0.key == "query" }?.value ?? ""
        // metadata['key']:'value'
        let parts = query.split(separator: "'").map(String.init)
        let found = parts.count >= 4 ? intents.filter { $0.metadata[parts[1]] == parts[3] } : []
        let data = found.reversed().map { #"{"id":"\#($0.id)","object":"payment_intent","status":"\#($0.status)"}"# }
        return #"{"object":"search_result","data":[\#(data.joined(separator: ","))],"has_more":false}"#
    }

    static func error(_ type: String, code: String? = nil, decline: String? = nil, message: String, intent: String? = nil) -> String {
        var fields = [#""type":"\#(type)""#, #""message":"\#(message)""#]
        if let code { fields.append(#""code":"\#(code)""#) }
        if let decline { fields.append(#""decline_code":"\#(decline)""#) }
        if let intent { fields.append(#""payment_intent":{"id":"\#(intent)","status":"requires_payment_method"}"#) }
        return #"{"error":{\#(fields.joined(separator: ","))}}"#
    }

    /// Late-bound reference from the server's handler to the fake (the server exists before `self`).
    final class StateBox: @unchecked Sendable {
        weak var server: FakeStripe?
    }
}
