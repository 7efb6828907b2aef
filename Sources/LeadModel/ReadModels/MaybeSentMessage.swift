/// A message whose send may or may not have happened (`maybe_sent`): the process died between the
/// sending mark and the answer, or the provider's answer did not say. Ops decide: it arrived, or send it again.
public struct MaybeSentMessage: Sendable, Hashable {
    public var id: Int64
    /// The business day it belongs to.
    public var day: String
    public var channel: NotificationChannel
    public var key: IdempotencyKey
    /// The plumber's roster id.
    public var plumber: String
    public var attempts: Int
    /// What was known when it was parked.
    public var reason: String?

    public init(id: Int64, day: String, channel: NotificationChannel, key: IdempotencyKey, plumber: String, attempts: Int, reason: String?) {
        (self.id, self.day, self.channel, self.key, self.plumber, self.attempts, self.reason) = (id, day, channel, key, plumber, attempts, reason)
    }
}
