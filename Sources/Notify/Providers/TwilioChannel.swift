import AsyncHTTPClient
import Foundation
import LeadModel
import Logging
import NIOCore
import NIOHTTP1

/// Urgent texts through Twilio's Programmable Messaging API
/// (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, https://www.twilio.com/docs/messaging/api/message-resource),
/// form-encoded, HTTP basic auth with the account SID and auth token, as Twilio documents its answers:
///
/// | answer | outcome |
/// | --- | --- |
/// | 201 with `sid` | sent, the sid kept |
/// | error 21610 (the number replied STOP) | opted out: never retried |
/// | 21211 (not a valid number), 21614 (not a mobile), any other 4xx | failed for good, Twilio's message kept |
/// | 401, 403 | a configuration error: the stage stops |
/// | 429 or error 20429 | backs off and tries again, then leaves the message queued |
/// | no connection made | tried again, then left queued |
/// | 5xx, or the connection lost after the request left | maybe sent: never repeated by itself |
///
/// A body longer than Twilio takes (1,600 characters) fails before anything is sent.
public struct TwilioChannel: SMSChannel {
    public struct Configuration: Sendable {
        public var accountSID: String
        public var authToken: Secret
        /// Our number (`+13125550100`), or a Messaging Service (`MG…`) that picks one.
        public var sender: Sender
        public var baseURL: String
        public var attempts: Int
        public var baseDelay: Duration
        public var timeout: TimeAmount

        public init(
            accountSID: String, authToken: Secret, sender: Sender, baseURL: String = "https://api.twilio.com", attempts: Int = 3,
            baseDelay: Duration = .seconds(1), timeout: TimeAmount = .seconds(20)
        ) {
            (self.accountSID, self.authToken, self.sender, self.baseURL, self.attempts, self.baseDelay, self.timeout) =
                (accountSID, authToken, sender, baseURL, attempts, baseDelay, timeout)
        }
    }

    /// Who a text comes from.
    public enum Sender: Sendable, Equatable {
        case number(String)
        case messagingService(String)
    }

    /// The longest body Twilio accepts.
    public static let maxBodyLength = 1600

    public let configuration: Configuration
    let http: HTTPClient
    let logger: Logger
    let pause: @Sendable (Duration) async throws -> Void

    public init(
        configuration: Configuration, http: HTTPClient = .shared, logger: Logger,
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        (self.configuration, self.http, self.logger, self.pause) = (configuration, http, logger, pause)
    }

    public var deduplicatesByKey: Bool { false }

    public func send(_ sms: OutgoingSMS, key: String) async throws -> DeliveryOutcome {
        guard sms.body.count <= Self.maxBodyLength else {
            return .failed(reason: "the text has \(sms.body.count) characters; Twilio takes at most \(Self.maxBodyLength)")
        }
        var request = HTTPClientRequest(url: configuration.baseURL + "/2010-04-01/Accounts/\(FormEncoding.escape(configuration.accountSID))/Messages.json")
        request.method = .POST
        let credentials = Data("\(configuration.accountSID):\(configuration.authToken.exposed)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        var fields = [("To", sms.to), ("Body", sms.body)]
        switch configuration.sender {
        case .number(let number): fields.append(("From", number))
        case .messagingService(let sid): fields.append(("MessagingServiceSid", sid))
        }
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        logger.debug("twilio: \(key): \(SMSSegments.count(sms.body)) segment(s)")
        let transport = ProviderRequest(http: http, timeout: configuration.timeout)
        var last = ""
        for attempt in 1...max(1, configuration.attempts) {
            let backoff = configuration.baseDelay * (1 << min(attempt - 1, 6))
            switch await transport.send(request) {
            case .answered(let status, _, let body):
                let error = Self.error(body)
                switch (status.code, error?.code) {
                case (200..<300, _):
                    return .sent(reference: Self.sid(body))
                case (401, _), (403, _):
                    throw ChannelConfigurationError(channel: "twilio", detail: "HTTP \(status.code): \(error?.message ?? body.prefix(200).description) (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)")
                case (_, 21610?):
                    return .optedOut(reason: "the number replied STOP (Twilio 21610): \(error?.message ?? "")")
                case (429, _), (_, 20429?):
                    last = "rate limited by Twilio (\(error.map { "\($0.code)" } ?? "HTTP 429"))"
                    guard attempt < configuration.attempts else { return .deferred(reason: last) }
                    try await pause(backoff)
                case (500..., _):
                    return .maybeSent(reason: "Twilio answered HTTP \(status.code)\(error.map { ": \($0.message)" } ?? "")")
                default:
                    return .failed(reason: "Twilio refused it (\(error.map { "\($0.code): \($0.message)" } ?? "HTTP \(status.code)"))")
                }
            case .notConnected(let problem):
                last = "Twilio unreachable: \(problem)"
                guard attempt < configuration.attempts else { return .deferred(reason: last) }
                try await pause(backoff)
            case .lost(let problem):
                return .maybeSent(reason: "no answer from Twilio after the request left: \(problem)")
            }
        }
        return .deferred(reason: last)
    }

    /// The texts sent to our number since `since`, oldest first (`GET …/Messages.json?To=…&DateSent>=…`,
    /// every page): how the batch reads STOP and START replies without an inbound webhook. With a
    /// Messaging Service there is no one number to ask about: none are read (import them as a CSV).
    public func replies(since: Date) async throws -> [InboundSMS] {
        guard case .number(let ours) = configuration.sender else { return [] }
        let day = ISO8601DateFormatter.string(from: since, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        var path: String? = "/2010-04-01/Accounts/\(FormEncoding.escape(configuration.accountSID))/Messages.json?"
            + FormEncoding.encode([("To", ours), ("DateSent>", day), ("PageSize", "1000")])
        var found: [InboundSMS] = []
        let transport = ProviderRequest(http: http, timeout: configuration.timeout)
        while let next = path {
            var request = HTTPClientRequest(url: configuration.baseURL + next)
            request.headers.add(name: "Authorization", value: "Basic \(Data("\(configuration.accountSID):\(configuration.authToken.exposed)".utf8).base64EncodedString())")
            guard case .answered(let status, _, let body) = await transport.send(request), (200..<300).contains(status.code) else {
                throw RepliesUnavailable(detail: "Twilio did not list the replies to \(ours)")
            }
            let page = try JSONDecoder().decode(MessagePage.self, from: Data(body.utf8))
            for message in page.messages where message.direction == "inbound" {
                guard let at = Self.rfc2822.date(from: message.dateSent ?? "") else { continue }
                if at >= since { found.append(InboundSMS(reference: message.sid, from: message.from, body: message.body, receivedAt: at)) }
            }
            path = page.nextPageURI
        }
        return found.sorted { ($0.receivedAt, $0.reference) < ($1.receivedAt, $1.reference) }
    }

    /// One page of Twilio's message list.
    struct MessagePage: Decodable {
        struct Message: Decodable {
            var sid: String
            var from: String
            var body: String
            var direction: String
            var dateSent: String?
            enum CodingKeys: String, CodingKey { case sid, from, body, direction, dateSent = "date_sent" }
        }
        var messages: [Message]
        var nextPageURI: String?
        enum CodingKeys: String, CodingKey { case messages, nextPageURI = "next_page_uri" }
    }

    /// Twilio's dates: `Tue, 24 Nov 2026 15:04:05 +0000`.
    static let rfc2822: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }()

    /// Twilio's error body: `{"code": 21610, "message": …, "more_info": …, "status": 400}`.
    struct APIError: Decodable {
        var code: Int
        var message: String
    }

    static func error(_ body: String) -> APIError? {
        try? JSONDecoder().decode(APIError.self, from: Data(body.utf8))
    }

    static func sid(_ body: String) -> String? {
        struct Created: Decodable { var sid: String }
        return (try? JSONDecoder().decode(Created.self, from: Data(body.utf8)))?.sid
    }
}

/// How many SMS segments a body takes: 160 characters in one GSM-7 segment (153 each when split),
/// 70 in one UCS-2 segment (67 each) as soon as one character is outside GSM-7.
public enum SMSSegments {
    static let gsm7 = Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    /// Characters GSM-7 writes with an escape, so they count twice.
    static let gsm7Extended = Set("^{}\\[~]|€")

    public static func count(_ body: String) -> Int {
        if body.allSatisfy({ gsm7.contains($0) || gsm7Extended.contains($0) }) {
            let septets = body.reduce(0) { $0 + (gsm7Extended.contains($1) ? 2 : 1) }
            return septets <= 160 ? 1 : (septets + 152) / 153
        }
        let units = body.utf16.count
        return units <= 70 ? 1 : (units + 66) / 67
    }
}
