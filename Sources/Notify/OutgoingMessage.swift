import Foundation
/// An email ready to send: addresses, subject and both bodies.
public struct OutgoingEmail: Sendable, Hashable {
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String

    public init(from: String, to: String, subject: String, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A text message ready to send.
public struct OutgoingSMS: Sendable, Hashable, Codable {
    public var to: String
    public var body: String

    public init(to: String, body: String) {
        self.to = to
        self.body = body
    }
}

/// Where messages go. `key` is unique per message; an idempotent channel sends a key at most once.
public protocol MessageChannel: Sendable {
    /// Whether sending the same key twice is harmless, so an interrupted send may simply be retried.
    var isIdempotent: Bool { get }
    func send(_ email: OutgoingEmail, key: String) async throws
    func send(_ sms: OutgoingSMS, key: String) async throws
}
