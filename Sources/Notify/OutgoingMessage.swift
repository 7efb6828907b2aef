import Foundation
/// An email ready to send: addresses, subject, both bodies, and the headers it must carry.
public struct OutgoingEmail: Sendable, Hashable {
    public var from: String
    public var to: String
    public var replyTo: String?
    public var subject: String
    public var text: String
    public var html: String
    /// Extra headers (`List-Unsubscribe`, …).
    public var headers: [String: String]
    /// What kind of message it is, for the provider's statistics (`digest`); never personal data.
    public var category: String

    public init(
        from: String, to: String, subject: String, text: String, html: String, replyTo: String? = nil, headers: [String: String] = [:],
        category: String = "digest"
    ) {
        (self.from, self.to, self.replyTo, self.subject, self.text, self.html) = (from, to, replyTo, subject, text, html)
        (self.headers, self.category) = (headers, category)
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
