import Foundation

/// What became of one message handed to a channel.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The provider accepted it; `reference` is its id (SendGrid's `X-Message-Id`, Twilio's `sid`).
    case sent(reference: String?)
    /// The provider refused this message for good (a bad address, a body it cannot take): not retried.
    case failed(reason: String)
    /// The recipient opted out at the provider (an SMS number that replied STOP): never retried.
    case optedOut(reason: String)
    /// The request may have reached the provider and no answer says whether it was taken (a 5xx, a
    /// connection dropped after the request left): never re-sent automatically; ops decide.
    case maybeSent(reason: String)
    /// Not sent, safe to send later (rate limited, or the provider could not be reached at all).
    case deferred(reason: String)
}

/// The channel's credentials or settings are wrong (401, 403): nothing more can be sent this run.
public struct ChannelConfigurationError: Error, CustomStringConvertible, Sendable {
    public var channel: String
    public var detail: String

    public init(channel: String, detail: String) {
        (self.channel, self.detail) = (channel, detail)
    }

    public var description: String { "\(channel): \(detail)" }
}

/// Where digests go. `key` is unique per message.
public protocol EmailChannel: Sendable {
    /// Whether sending the same key twice is harmless (the channel keeps keys), so an interrupted send
    /// may simply be repeated.
    var deduplicatesByKey: Bool { get }
    /// Sends `email`; throws `ChannelConfigurationError` when nothing can be sent, any other error
    /// when this message could not be handed over (it stays queued).
    func send(_ email: OutgoingEmail, key: String) async throws -> DeliveryOutcome
}

/// Where urgent texts go. `key` is unique per message.
public protocol SMSChannel: Sendable {
    var deduplicatesByKey: Bool { get }
    func send(_ sms: OutgoingSMS, key: String) async throws -> DeliveryOutcome
    /// The texts sent to our number since `since` (STOP and START replies among them), oldest first.
    func replies(since: Date) async throws -> [InboundSMS]
}

extension SMSChannel {
    /// A channel with no inbound side (the file outbox) has no replies; import them from a CSV instead.
    public func replies(since: Date) async throws -> [InboundSMS] { [] }
}
