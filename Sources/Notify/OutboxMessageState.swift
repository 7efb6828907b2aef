import LeadModel

/// What to do with an outbox message found unsent at the start of a run. The one rule that keeps a message from reaching a plumber twice: a message found
/// `sending` (the process died between the mark and the answer) is sent again only on a channel that
/// deduplicates by key; otherwise it is parked as `maybe_sent` for ops.
public enum OutboxMessageState {
    /// The next step for a message read back as `status`.
    public enum Step: Sendable, Equatable {
        /// Mark it `sending`, then send it with its key.
        case send
        /// Do not send; park it as `maybe_sent`.
        case park
        /// Nothing to do (already sent, parked or given up).
        case skip
    }

    /// What to do with a message in `status` on a channel that is (or is not) idempotent by key.
    public static func step(for status: NotificationStatus, channelIsIdempotent: Bool) -> Step {
        switch status {
        case .pending: .send
        case .sending: channelIsIdempotent ? .send : .park
        case .sent, .maybeSent, .failed, .withheld: .skip
        }
    }

}
