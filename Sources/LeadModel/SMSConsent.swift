import Foundation

/// A plumber's agreement to receive our urgent texts, as the roster (or a reply) records it: when,
/// how, and to which version of the consent text; and when it was revoked, if it was.
public struct SMSConsent: Sendable, Hashable, Codable {
    public var consentedAt: Date
    /// How it was given (`signup form`, `paper contract 2026-03`, `reply START`).
    public var source: String
    /// The version of the consent wording the plumber agreed to (`2026-01`).
    public var textVersion: String
    public var revokedAt: Date?

    public init(consentedAt: Date, source: String, textVersion: String, revokedAt: Date? = nil) {
        (self.consentedAt, self.source, self.textVersion, self.revokedAt) = (consentedAt, source, textVersion, revokedAt)
    }
}
