/// An error object as Stripe returns it (`{"error": {"type": …, "code": …, "decline_code": …}}`).
public struct StripeAPIError: Error, Sendable, Equatable, Decodable, CustomStringConvertible {
    public var type: String
    public var code: String?
    public var declineCode: String?
    public var message: String?
    /// The PaymentIntent the error concerns, when Stripe names one (a declined confirmation does).
    public var paymentIntentID: String?

    enum CodingKeys: String, CodingKey {
        case type, code, message
        case declineCode = "decline_code"
        case paymentIntent = "payment_intent"
    }

    struct IntentReference: Decodable { var id: String }

    public init(type: String, code: String? = nil, declineCode: String? = nil, message: String? = nil, paymentIntentID: String? = nil) {
        self.type = type
        self.code = code
        self.declineCode = declineCode
        self.message = message
        self.paymentIntentID = paymentIntentID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        declineCode = try c.decodeIfPresent(String.self, forKey: .declineCode)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        paymentIntentID = try c.decodeIfPresent(IntentReference.self, forKey: .paymentIntent)?.id
    }

    public var description: String {
        ["stripe \(type)", code, declineCode, message].compactMap { $0 }.joined(separator: ": ")
    }
}

/// Why a Stripe call failed after the client did what Stripe documents (retries included).
public enum StripeClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The same idempotency key with other parameters: a bug on our side; the run must stop.
    case idempotencyConflict(String)
    /// Still 429 or 5xx (or no answer) after every retry: the outcome of the charge is unknown.
    case unavailable(String)
    /// An answer the client cannot read, or an error that no retry fixes (bad key, invalid request).
    case rejected(StripeAPIError)
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .idempotencyConflict(let detail): "Stripe refused a reused idempotency key with other parameters: \(detail)"
        case .unavailable(let detail): "Stripe unavailable after retries, charge outcome unknown: \(detail)"
        case .rejected(let error): "Stripe rejected the request: \(error)"
        case .malformedResponse(let detail): "unreadable Stripe response: \(detail)"
        }
    }
}
