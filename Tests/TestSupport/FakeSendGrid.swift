import Foundation
import NIOHTTP1
import Synchronization

/// SendGrid's Mail Send endpoint as SendGrid checks it: the bearer key, JSON, and the fields it
/// requires (`personalizations[].to[].email`, `from.email`, `subject`, `content` with text/plain
/// first); 202 with `X-Message-Id` for a message taken. Faults can be queued: a documented error, a
/// 429 with `X-RateLimit-Reset`, a 500, no answer at all, or a connection dropped after the message
/// was taken.
public final class FakeSendGrid: Sendable {
    public enum Fault: Sendable, Equatable { case badRequest, payloadTooLarge, tooManyRequests(reset: Int), serverError, neverAnswer, dropAfterAccepting }

    public static let apiKey = "SG.fake-key.0123456789abcdefghijklmnop"

    struct State: Sendable {
        var faults: [Fault] = []
        var accepted: [String] = []
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
    /// The bodies of the messages taken, as JSON objects, in order.
    public var accepted: [[String: Any]] {
        state.withLock { $0.accepted }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
    public var requests: Int { state.withLock { $0.requests } }

    func handle(_ request: FakeHTTPServer.Request) -> FakeHTTPServer.Reply {
        state.withLock { state in
            state.requests += 1
            guard request.method == "POST", request.uri == "/v3/mail/send" else { return .respond(.notFound, body: Self.errors("not found")) }
            guard request.headers["authorization"] == "Bearer \(Self.apiKey)" else {
                return .respond(.unauthorized, body: Self.errors("The provided authorization grant is invalid, expired, or revoked"))
            }
            guard request.headers["content-type"]?.hasPrefix("application/json") == true else {
                return .respond(.badRequest, body: Self.errors("Content-Type should be application/json."))
            }
            let fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            switch fault {
            case .badRequest?: return .respond(.badRequest, body: Self.errors("The to email does not contain a valid address.", field: "personalizations.0.to.0.email"))
            case .payloadTooLarge?: return .respond(.payloadTooLarge, body: Self.errors("The JSON payload you have included in your request is too large."))
            case .tooManyRequests(let reset)?: return .respond(.tooManyRequests, body: Self.errors("too many requests"), headers: [("X-RateLimit-Reset", String(reset))])
            case .serverError?: return .respond(.internalServerError, body: Self.errors("internal error"))
            case .neverAnswer?: return .silence
            case .dropAfterAccepting?, nil: break
            }
            guard let json = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any] else {
                return .respond(.badRequest, body: Self.errors("Bad Request"))
            }
            if let problem = Self.missing(json) { return .respond(.badRequest, body: Self.errors(problem.message, field: problem.field)) }
            state.accepted.append(request.body)
            if case .dropAfterAccepting? = fault { return .drop }
            return .respond(.accepted, body: "", headers: [("X-Message-Id", "fake-sg-\(state.accepted.count)")])
        }
    }

    /// The first required field the body lacks, as SendGrid reports it.
    static func missing(_ json: [String: Any]) -> (field: String, message: String)? {
        let personalizations = json["personalizations"] as? [[String: Any]] ?? []
        guard let first = personalizations.first, let to = first["to"] as? [[String: Any]], to.first?["email"] is String else {
            return ("personalizations.0.to", "The to array is required for all personalization objects, and must have at least one email object with a valid email address.")
        }
        guard (json["from"] as? [String: Any])?["email"] is String else { return ("from.email", "The from email is required.") }
        guard json["subject"] is String else { return ("subject", "The subject is required.") }
        guard let content = json["content"] as? [[String: Any]], content.first?["type"] as? String == "text/plain" else {
            return ("content", "The text/plain content type must be first.")
        }
        if let group = json["asm"] as? [String: Any], !(group["group_id"] is Int) { return ("asm.group_id", "The group_id must be an integer.") }
        return nil
    }

    static func errors(_ message: String, field: String? = nil) -> String {
        let fieldPart = field.map { #","field":"\#($0)""# } ?? ""
        return #"{"errors":[{"message":"\#(message)"\#(fieldPart)}]}"#
    }

    final class Box: @unchecked Sendable { weak var fake: FakeSendGrid? }
}
