import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request to a messaging provider, and what its transport said. Neither SendGrid nor Twilio takes
/// an idempotency key, so the one thing that matters about a failure is whether the request may have
/// left: a connection that was never made is safe to try again; anything after that may have sent the
/// message, and is never repeated by itself.
struct ProviderRequest: Sendable {
    /// The provider's answer, or why there is none.
    enum Response: Sendable {
        case answered(status: HTTPResponseStatus, headers: HTTPHeaders, body: String)
        /// No connection was made: the message did not leave.
        case notConnected(String)
        /// The connection was made and then failed, or the answer never came: the message may have left.
        case lost(String)
    }

    var http: HTTPClient
    var timeout: TimeAmount

    func send(_ request: HTTPClientRequest) async -> Response {
        do {
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            return .answered(status: response.status, headers: response.headers, body: String(buffer: body))
        } catch {
            return Self.beforeConnection(error) ? .notConnected("\(error)") : .lost("\(error)")
        }
    }

    /// Whether `error` happened before a connection existed (refused, unreachable, DNS, connect timeout).
    static func beforeConnection(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? HTTPClientError, error == .connectTimeout { return true }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) { return true }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        return false
    }
}

/// `application/x-www-form-urlencoded`: every byte but the unreserved ones percent-encoded (a `+` in
/// an E.164 number must arrive as `%2B`, not as a space).
enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
