/// Where an outbox message stands (`notifications.status`); `OutboxMessageState` in Notify decides the moves.
public enum NotificationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Queued, not yet tried (or put back after the channel refused it).
    case pending
    /// Marked just before the send: found so after a crash, the send may or may not have happened.
    case sending
    case sent
    /// Interrupted on a channel that cannot be asked twice: ops decide.
    case maybeSent = "maybe_sent"
    /// Given up on.
    case failed
    /// A text not sent because it fell outside the recipient's texting hours; the digest carries the lead.
    case withheld
}
