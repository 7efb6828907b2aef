import Foundation
import NIOHTTP1
import Synchronization

/// Twilio's Messages endpoint as Twilio checks it: basic auth with the account SID and auth token, form
/// encoding, `To`, `Body` and one of `From` or `MessagingServiceSid`; 201 with a `sid` for a message
/// taken, Twilio's error JSON (`code`, `message`, `more_info`, `status`) otherwise. A number that replied
/// STOP gets 21610; faults can be queued (an error code, 429, 500, no answer, a drop after accepting).
public final class FakeTwilio: Sendable {
    public enum Fault: Sendable, Equatable { case error(code: Int, status: Int), tooManyRequests, serverError, neverAnswer, dropAfterAccepting }

    public static let accountSID = "AC0123456789abcdef0123456789abcdef"
    public static let authToken = "fake-auth-token-0123456789abcdef"

    /// One message taken.
    public struct Message: Sendable, Equatable {
        public var sid: String
        public var to: String
        public var from: String?
        public var service: String?
        public var body: String

        public init(sid: String, to: String, from: String?, service: String?, body: String) {
            (self.sid, self.to, self.from, self.service, self.body) = (sid, to, from, service, body)
        }
    }

    /// A text sent to one of our numbers.
    struct Inbound: Sendable {
        var sid: String
        var from: String
        var to: String
        var body: String
        var at: Date
    }

    struct State: Sendable {
        var inbound: [Inbound] = []
        var listingFails = false
        var faults: [Fault] = []
        var messages: [Message] = []
        var optedOut: Set<String> = []
        var requests = 0
    }

    private let state = Mutex(State())
    private let server: FakeHTTPServer
    public var url: String { server.url }

    public init() async throws {
        let box = Box()
        server = try await FakeHTTPServer { request in box.fake?.handle(request) ?? .drop }
        box.fake = self
    }

    public func shutdown() async throws { try await server.shutdown() }
    public func queue(_ faults: Fault...) { state.withLock { $0.faults += faults } }
    /// Numbers that replied STOP: Twilio refuses to text them (21610).
    public func optOut(_ number: String) { state.withLock { _ = $0.optedOut.insert(number) } }
    public var messages: [Message] { state.withLock { $0.messages } }
    /// Someone texts `body` to our number `to` at `at` (a STOP reply, say).
    public func reply(from: String, to: String, body: String, at: Date) {
        state.withLock { $0.inbound.append(Inbound(sid: String(format: "SMin%030d", $0.inbound.count + 1), from: from, to: to, body: body, at: at)) }
    }
    /// Makes the message list answer 500 (replies cannot be read).
    public func failListing() { state.withLock { $0.listingFails = true } }
    public var requests: Int { state.withLock { $0.requests } }

    func handle(_ request: FakeHTTPServer.Request) -> FakeHTTPServer.Reply {
        state.withLock { state in
            state.requests += 1
            let list = "/2010-04-01/Accounts/\(Self.accountSID)/Messages.json?"
            if request.method == "GET", request.uri.hasPrefix(list) {
                let expected = "Basic " + Data("\(Self.accountSID):\(Self.authToken)".utf8).base64EncodedString()
                guard request.headers["authorization"] == expected else { return Self.error(20003, status: .unauthorized, "Authenticate") }
                if state.listingFails { return Self.error(20500, status: .internalServerError, "Internal Server Error") }
                return Self.page(Self.parse(String(request.uri.dropFirst(list.count))), inbound: state.inbound, list: list)
            }
            guard request.method == "POST", request.uri == "/2010-04-01/Accounts/\(Self.accountSID)/Messages.json" else {
                return Self.error(20404, status: .notFound, "The requested resource was not found")
            }
            let expected = "Basic " + Data("\(Self.accountSID):\(Self.authToken)".utf8).base64EncodedString()
            guard request.headers["authorization"] == expected else { return Self.error(20003, status: .unauthorized, "Authenticate") }
            guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true else {
                return Self.error(21609, status: .badRequest, "Invalid content type")
            }
            let fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            switch fault {
            case .error(let code, let status)?: return Self.error(code, status: HTTPResponseStatus(statusCode: status), "error \(code)")
            case .tooManyRequests?: return Self.error(20429, status: .tooManyRequests, "Too Many Requests")
            case .serverError?: return Self.error(20500, status: .internalServerError, "Internal Server Error")
            case .neverAnswer?: return .silence
            case .dropAfterAccepting?, nil: break
            }
            let fields = Self.parse(request.body)
            guard let to = fields["To"] else { return Self.error(21604, status: .badRequest, "A 'To' phone number is required.") }
            guard let body = fields["Body"], !body.isEmpty else { return Self.error(21602, status: .badRequest, "Message body is required.") }
            guard (fields["From"] == nil) != (fields["MessagingServiceSid"] == nil) else {
                return Self.error(21603, status: .badRequest, "A 'From' phone number or a Messaging Service is required.")
            }
            guard to.hasPrefix("+1"), to.count == 12, to.dropFirst().allSatisfy(\.isNumber) else {
                return Self.error(21211, status: .badRequest, "The 'To' number \(to) is not a valid phone number.")
            }
            guard body.count <= 1600 else { return Self.error(21617, status: .badRequest, "The concatenated message body exceeds the 1600 character limit.") }
            if state.optedOut.contains(to) {
                return Self.error(21610, status: .badRequest, "Attempt to send to unsubscribed recipient")
            }
            let sid = String(format: "SM%032d", state.messages.count + 1)
            state.messages.append(Message(sid: sid, to: to, from: fields["From"], service: fields["MessagingServiceSid"], body: body))
            if case .dropAfterAccepting? = fault { return .drop }
            return .respond(.created, body: #"{"sid":"\#(sid)","status":"queued","to":"\#(to)"}"#)
        }
    }

    /// Two messages a page, as Twilio pages (`next_page_uri` until the last), filtered by `To` and `DateSent>`.
    static func page(_ query: [String: String], inbound: [Inbound], list: String) -> FakeHTTPServer.Reply {
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        let since = query["DateSent>"].flatMap(day.date(from:)) ?? .distantPast
        let matching = inbound.filter { $0.to == query["To"] && $0.at >= since }
        let number = Int(query["Page"] ?? "0") ?? 0
        let slice = matching.dropFirst(number * 2).prefix(2)
        let rfc = DateFormatter()
        rfc.locale = Locale(identifier: "en_US_POSIX")
        rfc.timeZone = TimeZone(identifier: "UTC")
        rfc.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let items = slice.map {
            #"{"sid":"\#($0.sid)","from":"\#($0.from)","to":"\#($0.to)","body":"\#($0.body)","direction":"inbound","date_sent":"\#(rfc.string(from: $0.at))"}"#
        }
        var next = "null"
        if matching.count > (number + 1) * 2 {
            var fields = query
            fields["Page"] = String(number + 1)
            next = "\"" + list + fields.sorted { $0.key < $1.key }.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&") + "\""
        }
        return .respond(.ok, body: #"{"messages":[\#(items.joined(separator: ","))],"next_page_uri":\#(next)}"#)
    }

    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    static func error(_ code: Int, status: HTTPResponseStatus, _ message: String) -> FakeHTTPServer.Reply {
        .respond(status, body: #"{"code":\#(code),"message":"\#(message)","more_info":"https://www.twilio.com/docs/errors/\#(code)","status":\#(status.code)}"#)
    }

    final class Box: @unchecked Sendable { weak var fake: FakeTwilio? }
}
