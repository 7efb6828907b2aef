import AsyncHTTPClient
import Foundation
import LeadModel
import Logging
import NIOCore
import NIOHTTP1

/// Digests through SendGrid's v3 Mail Send API (`POST /v3/mail/send`,
/// https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send), as SendGrid documents its answers:
///
/// | answer | outcome |
/// | --- | --- |
/// | 202 with `X-Message-Id` | sent, the id kept |
/// | 400, 413 with `{"errors": […]}` | failed for good, SendGrid's messages kept |
/// | 401, 403 | a configuration error: the stage stops |
/// | 429 | waits for `X-RateLimit-Reset` (capped) and tries again, then leaves the message queued |
/// | no connection made | tried again, then left queued |
/// | 5xx, or the connection lost after the request left | maybe sent: never repeated by itself |
///
/// `custom_args` and `categories` carry only our ids (the message key), never a lead's name, phone or
/// email. The key is sent in the `Authorization` header only and never logged.
public struct SendGridChannel: EmailChannel {
    public struct Configuration: Sendable {
        public var apiKey: Secret
        public var baseURL: String
        /// The unsubscribe group (`asm.group_id`) digests belong to, when one is configured.
        public var unsubscribeGroup: Int?
        /// Attempts for a 429 or an unreachable server, the first included.
        public var attempts: Int
        /// The longest wait for a rate limit's reset.
        public var maxWait: Duration
        public var timeout: TimeAmount

        public init(
            apiKey: Secret, baseURL: String = "https://api.sendgrid.com", unsubscribeGroup: Int? = nil, attempts: Int = 3,
            maxWait: Duration = .seconds(60), timeout: TimeAmount = .seconds(20)
        ) {
            (self.apiKey, self.baseURL, self.unsubscribeGroup, self.attempts, self.maxWait, self.timeout) =
                (apiKey, baseURL, unsubscribeGroup, attempts, maxWait, timeout)
        }
    }

    public let configuration: Configuration
    let http: HTTPClient
    let logger: Logger
    let clock: @Sendable () -> Date
    let pause: @Sendable (Duration) async throws -> Void

    public init(
        configuration: Configuration, http: HTTPClient = .shared, logger: Logger, clock: @escaping @Sendable () -> Date = Date.init,
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        (self.configuration, self.http, self.logger, self.clock, self.pause) = (configuration, http, logger, clock, pause)
    }

    public var deduplicatesByKey: Bool { false }

    public func send(_ email: OutgoingEmail, key: String) async throws -> DeliveryOutcome {
        var request = HTTPClientRequest(url: configuration.baseURL + "/v3/mail/send")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey.exposed)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try Self.body(email, key: key, unsubscribeGroup: configuration.unsubscribeGroup)))
        let transport = ProviderRequest(http: http, timeout: configuration.timeout)
        var last = ""
        for attempt in 1...max(1, configuration.attempts) {
            switch await transport.send(request) {
            case .answered(let status, let headers, let body):
                switch status.code {
                case 200..<300:
                    return .sent(reference: headers.first(name: "X-Message-Id"))
                case 401, 403:
                    throw ChannelConfigurationError(channel: "sendgrid", detail: "HTTP \(status.code): \(Self.errors(body)) (check SENDGRID_API_KEY and its Mail Send permission)")
                case 429:
                    last = "rate limited (HTTP 429)"
                    guard attempt < configuration.attempts else { return .deferred(reason: last) }
                    let wait = Self.wait(untilReset: headers.first(name: "X-RateLimit-Reset"), now: clock(), cap: configuration.maxWait)
                    logger.warning("sendgrid: \(key) rate limited, waiting \(wait)")
                    try await pause(wait)
                case 500...:
                    return .maybeSent(reason: "SendGrid answered HTTP \(status.code): \(Self.errors(body))")
                default:
                    return .failed(reason: "SendGrid refused it (HTTP \(status.code)): \(Self.errors(body))")
                }
            case .notConnected(let problem):
                last = "SendGrid unreachable: \(problem)"
                guard attempt < configuration.attempts else { return .deferred(reason: last) }
                try await pause(.seconds(1 << min(attempt - 1, 5)))
            case .lost(let problem):
                return .maybeSent(reason: "no answer from SendGrid after the request left: \(problem)")
            }
        }
        return .deferred(reason: last)
    }

    /// The Mail Send body: one personalization, text then HTML, our key in `custom_args`.
    static func body(_ email: OutgoingEmail, key: String, unsubscribeGroup: Int?) throws -> Data {
        let from = MailAddress(email.from)
        let body = MailSendBody(
            personalizations: [.init(to: [MailAddress(email.to)])], from: from, reply_to: email.replyTo.map(MailAddress.init) ?? from,
            subject: email.subject, content: [.init(type: "text/plain", value: email.text), .init(type: "text/html", value: email.html)],
            headers: email.headers.isEmpty ? nil : email.headers, categories: [email.category],
            custom_args: ["message_key": key], asm: unsubscribeGroup.map { .init(group_id: $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }


    /// SendGrid's `{"errors": [{"message": …, "field": …}]}` as one line; the raw text when it is not that.
    static func errors(_ body: String) -> String {
        struct Envelope: Decodable { struct Item: Decodable { var message: String?; var field: String? }; var errors: [Item] }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body.utf8)), !envelope.errors.isEmpty else {
            return String(body.prefix(200))
        }
        return envelope.errors.map { [$0.field, $0.message].compactMap { $0 }.joined(separator: ": ") }.joined(separator: "; ")
    }

    /// How long until `X-RateLimit-Reset` (Unix seconds), at least a second and at most `cap`.
    static func wait(untilReset header: String?, now: Date, cap: Duration) -> Duration {
        guard let header, let reset = Double(header.trimmingCharacters(in: .whitespaces)) else { return min(cap, .seconds(1)) }
        let seconds = max(1, min(reset - now.timeIntervalSince1970, 86_400))
        return min(cap, .milliseconds(Int(seconds * 1000)))
    }
}

/// The Mail Send request body, in SendGrid's field names.
struct MailSendBody: Encodable {
    struct Personalization: Encodable { var to: [MailAddress] }
    struct Content: Encodable { var type: String; var value: String }
    struct Group: Encodable { var group_id: Int }
    var personalizations: [Personalization]
    var from: MailAddress
    var reply_to: MailAddress
    var subject: String
    var content: [Content]
    var headers: [String: String]?
    var categories: [String]
    var custom_args: [String: String]
    var asm: Group?
}

/// An address as SendGrid takes it: `{email, name}`.
struct MailAddress: Encodable, Equatable {
    var email: String
    var name: String?

    /// `Name <user@example.com>`, or a bare address.
    init(_ text: String) {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            (email, name) = (text.trimmingCharacters(in: .whitespaces), nil)
            return
        }
        let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        (email, self.name) = (String(text[text.index(after: open)..<close]), name.isEmpty ? nil : name)
    }
}
