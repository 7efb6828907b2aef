import LeadModel
import Notify
import Testing

/// What happens to an outbox message found unsent at the start of a run.
@Suite struct OutboxMessageStateTests {
    @Test func pendingMessagesAreSentOnEveryChannel() {
        #expect(OutboxMessageState.step(for: .pending, channelIsIdempotent: true) == .send)
        #expect(OutboxMessageState.step(for: .pending, channelIsIdempotent: false) == .send)
    }

    @Test func aMessageCaughtSendingIsResentOnlyWhereTheChannelDeduplicates() {
        #expect(OutboxMessageState.step(for: .sending, channelIsIdempotent: true) == .send)
        #expect(OutboxMessageState.step(for: .sending, channelIsIdempotent: false) == .park)
    }

    @Test func finishedMessagesAreLeftAlone() {
        for status in [NotificationStatus.sent, .maybeSent, .failed, .withheld] {
            #expect(OutboxMessageState.step(for: status, channelIsIdempotent: true) == .skip)
            #expect(OutboxMessageState.step(for: status, channelIsIdempotent: false) == .skip)
        }
    }
}
