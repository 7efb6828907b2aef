import Foundation
import LeadModel
import Logging
import NIOCore
import Notify
import Synchronization
import TestSupport
import Testing

/// The Twilio client against a fake that checks what Twilio checks.
@Suite struct TwilioChannelTests {
    static let sms = OutgoingSMS(to: "+13125552671", body: "URGENT burst pipe: Ann Lee +1 312 555 2671, 1420 Lee St")

    func channel(
        _ fake: FakeTwilio, token: String = FakeTwilio.authToken, sender: TwilioChannel.Sender = .number("+13125550100"),
        pauses: SendGridChannelTests.Pauses = .init(), timeout: TimeAmount = .seconds(10)
    ) -> TwilioChannel {
        TwilioChannel(
            configuration: .init(accountSID: FakeTwilio.accountSID, authToken: Secret(token), sender: sender, baseURL: fake.url, timeout: timeout),
            logger: Logger(label: "test"), pause: { pauses.record($0) })
    }

    @Test func aTextGoesOutFormEncodedWithBasicAuth() async throws {
        let fake = try await FakeTwilio()
        let outcome = try await channel(fake).send(Self.sms, key: "sms-2026-11-24-a17")
        #expect(outcome == .sent(reference: "SM00000000000000000000000000000001"))
        #expect(fake.messages == [.init(sid: "SM00000000000000000000000000000001", to: "+13125552671", from: "+13125550100", service: nil, body: Self.sms.body)])
        _ = try await channel(fake, sender: .messagingService("MG0123456789abcdef0123456789abcdef")).send(Self.sms, key: "k2")
        #expect(fake.messages.last?.service == "MG0123456789abcdef0123456789abcdef" && fake.messages.last?.from == nil)
        try await fake.shutdown()
    }

    @Test func aNumberThatRepliedStopIsOptedOutAndNotRetried() async throws {
        let fake = try await FakeTwilio()
        fake.optOut("+13125552671")
        guard case .optedOut(let reason) = try await channel(fake).send(Self.sms, key: "k") else { Issue.record("not opted out"); return }
        #expect(reason.contains("21610"))
        #expect(fake.requests == 1)
        try await fake.shutdown()
    }

    @Test("Twilio's permanent errors fail for good", arguments: [(21211, 400), (21614, 400), (21408, 400), (30007, 400)])
    func permanent(code: Int, status: Int) async throws {
        let fake = try await FakeTwilio()
        fake.queue(.error(code: code, status: status))
        guard case .failed(let reason) = try await channel(fake).send(Self.sms, key: "k") else { Issue.record("\(code) not failed"); return }
        #expect(reason.contains(String(code)))
        #expect(fake.requests == 1)
        try await fake.shutdown()
    }

    @Test func wrongCredentialsStopTheStage() async throws {
        let fake = try await FakeTwilio()
        await #expect(throws: ChannelConfigurationError.self) { _ = try await channel(fake, token: "wrong").send(Self.sms, key: "k") }
        try await fake.shutdown()
    }

    @Test func rateLimitsBackOffThenSend() async throws {
        let fake = try await FakeTwilio()
        let pauses = SendGridChannelTests.Pauses()
        fake.queue(.tooManyRequests, .error(code: 20429, status: 429))
        #expect(try await channel(fake, pauses: pauses).send(Self.sms, key: "k") == .sent(reference: "SM00000000000000000000000000000001"))
        #expect(pauses.recorded == [.seconds(1), .seconds(2)])
        try await fake.shutdown()
    }

    @Test("after the request left, an unclear answer is maybe sent", arguments: [FakeTwilio.Fault.serverError, .neverAnswer, .dropAfterAccepting])
    func maybeSent(fault: FakeTwilio.Fault) async throws {
        let fake = try await FakeTwilio()
        fake.queue(fault)
        guard case .maybeSent = try await channel(fake, timeout: fault == .neverAnswer ? .milliseconds(500) : .seconds(10)).send(Self.sms, key: "k") else { Issue.record("\(fault) was not maybe-sent"); return }
        #expect(fake.requests == 1, "never repeated by itself")
        try await fake.shutdown()
    }

    @Test func aBodyTwilioCannotTakeFailsBeforeAnythingIsSent() async throws {
        let fake = try await FakeTwilio()
        let long = OutgoingSMS(to: "+13125552671", body: String(repeating: "a", count: 1601))
        #expect(try await channel(fake).send(long, key: "k") == .failed(reason: "the text has 1601 characters; Twilio takes at most 1600"))
        #expect(fake.requests == 0)
        try await fake.shutdown()
    }

    @Test func repliesToOurNumberAreListedPageByPage() async throws {
        let fake = try await FakeTwilio()
        let at = { (text: String) in ISO8601DateFormatter().date(from: text)! }
        fake.reply(from: "+13122864410", to: "+13125550100", body: "STOP", at: at("2026-11-24T15:00:00Z"))
        fake.reply(from: "+17732903321", to: "+13125550100", body: "thanks", at: at("2026-11-24T16:00:00Z"))
        fake.reply(from: "+13122864410", to: "+13125550100", body: "START", at: at("2026-11-24T17:00:00Z"))
        fake.reply(from: "+13122864410", to: "+13125559999", body: "STOP", at: at("2026-11-24T18:00:00Z"))  // another number of ours
        fake.reply(from: "+13122864410", to: "+13125550100", body: "STOP", at: at("2026-11-20T10:00:00Z"))  // before the window
        let replies = try await channel(fake).replies(since: at("2026-11-23T06:00:00Z"))
        #expect(replies.map(\.body) == ["STOP", "thanks", "START"])
        #expect(replies.map(\.from) == ["+13122864410", "+17732903321", "+13122864410"])
        #expect(fake.requests == 2, "two pages")
        // With a Messaging Service there is no one number to list: none are read.
        #expect(try await channel(fake, sender: .messagingService("MG0123456789abcdef0123456789abcdef")).replies(since: .distantPast).isEmpty)
        fake.failListing()
        await #expect(throws: RepliesUnavailable.self) { _ = try await channel(fake).replies(since: .distantPast) }
        try await fake.shutdown()
    }

    @Test func segmentsAreCountedAsCarriersCountThem() {
        #expect(SMSSegments.count(String(repeating: "a", count: 160)) == 1)
        #expect(SMSSegments.count(String(repeating: "a", count: 161)) == 2)
        #expect(SMSSegments.count(String(repeating: "a", count: 306)) == 2)
        #expect(SMSSegments.count(String(repeating: "€", count: 80)) == 1)  // escaped: two septets each
        #expect(SMSSegments.count(String(repeating: "€", count: 81)) == 2)
        #expect(SMSSegments.count("Ünïcode ☎") == 1)
        #expect(SMSSegments.count(String(repeating: "☎", count: 71)) == 2)
    }
}
