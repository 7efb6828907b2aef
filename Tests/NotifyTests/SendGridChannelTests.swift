import Foundation
import LeadModel
import Logging
import NIOCore
import Notify
import Synchronization
import TestSupport
import Testing

/// The SendGrid client against a fake that checks what SendGrid checks.
@Suite struct SendGridChannelTests {
    static let email = OutgoingEmail(
        from: "PlumberLeads <leads@plumberleads.example>", to: "dispatch@lakeview.example.com", subject: "3 new leads for 2026-11-24",
        text: "Ann Lee (312) 555-2671", html: "<p>Ann Lee</p>", replyTo: "PlumberLeads support <help@plumberleads.example>",
        headers: ["List-Unsubscribe": "<https://plumberleads.example/u/abc>"])

    /// Records each pause instead of sleeping.
    final class Pauses: Sendable {
        let waits = Mutex<[Duration]>([])
        var recorded: [Duration] { waits.withLock { $0 } }
        func record(_ wait: Duration) { waits.withLock { $0.append(wait) } }
    }

    func channel(
        _ fake: FakeSendGrid, key: String = FakeSendGrid.apiKey, group: Int? = nil, pauses: Pauses = Pauses(),
        now: Date = Date(timeIntervalSince1970: 1_764_000_000), timeout: TimeAmount = .seconds(10)
    ) -> SendGridChannel {
        SendGridChannel(
            configuration: .init(apiKey: Secret(key), baseURL: fake.url, unsubscribeGroup: group, timeout: timeout),
            logger: Logger(label: "test"), clock: { now }, pause: { pauses.record($0) })
    }

    @Test func aDigestGoesOutWithOnlyOurIdsBesideIt() async throws {
        let fake = try await FakeSendGrid()
        let outcome = try await channel(fake, group: 4711).send(Self.email, key: "digest-2026-11-24-p3")
        #expect(outcome == .sent(reference: "fake-sg-1"))
        let body = try #require(fake.accepted.first)
        let personalization = try #require((body["personalizations"] as? [[String: Any]])?.first)
        #expect((personalization["to"] as? [[String: String]]) == [["email": "dispatch@lakeview.example.com"]])
        #expect((body["from"] as? [String: String]) == ["email": "leads@plumberleads.example", "name": "PlumberLeads"])
        #expect((body["reply_to"] as? [String: String]) == ["email": "help@plumberleads.example", "name": "PlumberLeads support"])
        #expect((body["content"] as? [[String: String]])?.map { $0["type"] } == ["text/plain", "text/html"])
        #expect((body["headers"] as? [String: String]) == ["List-Unsubscribe": "<https://plumberleads.example/u/abc>"])
        #expect((body["asm"] as? [String: Int]) == ["group_id": 4711])
        // Only our ids travel in the fields SendGrid keeps for statistics.
        #expect((body["custom_args"] as? [String: String]) == ["message_key": "digest-2026-11-24-p3"])
        #expect((body["categories"] as? [String]) == ["digest"])
        try await fake.shutdown()
    }

    @Test func whatSendGridRefusesForGoodFailsWithItsMessages() async throws {
        let fake = try await FakeSendGrid()
        fake.queue(.badRequest, .payloadTooLarge)
        let sender = channel(fake)
        #expect(try await sender.send(Self.email, key: "k1")
            == .failed(reason: "SendGrid refused it (HTTP 400): personalizations.0.to.0.email: The to email does not contain a valid address."))
        guard case .failed(let reason) = try await sender.send(Self.email, key: "k2") else { Issue.record("413 not a failure"); return }
        #expect(reason.contains("HTTP 413") && reason.contains("too large"))
        try await fake.shutdown()
    }

    @Test func aRevokedKeyStopsTheStage() async throws {
        let fake = try await FakeSendGrid()
        await #expect(throws: ChannelConfigurationError.self) { _ = try await channel(fake, key: "SG.revoked").send(Self.email, key: "k") }
        try await fake.shutdown()
    }

    @Test func aRateLimitWaitsForItsResetThenSends() async throws {
        let fake = try await FakeSendGrid()
        let pauses = Pauses()
        fake.queue(.tooManyRequests(reset: 1_764_000_012))
        #expect(try await channel(fake, pauses: pauses).send(Self.email, key: "k") == .sent(reference: "fake-sg-1"))
        #expect(pauses.recorded == [.seconds(12)])
        // Rate limited every time: the message waits for the next run.
        fake.queue(.tooManyRequests(reset: 1_764_000_001), .tooManyRequests(reset: 1_764_000_001), .tooManyRequests(reset: 1_764_000_001))
        #expect(try await channel(fake).send(Self.email, key: "k2") == .deferred(reason: "rate limited (HTTP 429)"))
        try await fake.shutdown()
    }

    @Test("after the request left, an unclear answer is maybe sent", arguments: [FakeSendGrid.Fault.serverError, .neverAnswer, .dropAfterAccepting])
    func maybeSent(fault: FakeSendGrid.Fault) async throws {
        let fake = try await FakeSendGrid()
        fake.queue(fault)
        guard case .maybeSent = try await channel(fake, timeout: fault == .neverAnswer ? .milliseconds(500) : .seconds(10)).send(Self.email, key: "k") else { Issue.record("\(fault) was not maybe-sent"); return }
        #expect(fake.requests == 1, "never repeated by itself")
        try await fake.shutdown()
    }

    @Test func aServerThatCannotBeReachedLeavesTheMessageQueued() async throws {
        let refusing = try RefusingPort()
        let pauses = Pauses()
        let sender = SendGridChannel(
            configuration: .init(apiKey: Secret(FakeSendGrid.apiKey), baseURL: refusing.url, timeout: .milliseconds(500)), logger: Logger(label: "test"),
            pause: { pauses.record($0) })
        guard case .deferred(let reason) = try await sender.send(Self.email, key: "k") else { Issue.record("not deferred"); return }
        #expect(reason.hasPrefix("SendGrid unreachable"))
        #expect(pauses.recorded.count == 2, "tried three times")
    }

    @Test func theKeyNeverShows() {
        let configuration = SendGridChannel.Configuration(apiKey: Secret(FakeSendGrid.apiKey))
        #expect(!String(describing: configuration).contains(FakeSendGrid.apiKey))
        #expect(!String(reflecting: configuration).contains(FakeSendGrid.apiKey))
        #expect("\(Secret("x"))" == "<secret>")
    }
}
