import Foundation
import LeadModel
import Logging
import Notify
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// STOP and START replies read from Twilio at the start of notify, honoured at the next decision.
@Suite struct SMSRepliesTests {
    static let ours = "+13125550100"

    static func twilio(_ fake: FakeTwilio) -> TwilioChannel {
        TwilioChannel(
            configuration: .init(accountSID: FakeTwilio.accountSID, authToken: Secret(FakeTwilio.authToken), sender: .number(ours), baseURL: fake.url,
                                 timeout: .seconds(10)),
            logger: Logger(label: "test"), pause: { _ in })
    }

    @Test func aStopReplyStopsTheTextsAndAStartBringsThemBack() async throws {
        let fake = try await FakeTwilio()
        let at: @Sendable (String) -> Date = { ISO8601DateFormatter().date(from: $0)! }
        try await TestDatabase.shared.withFreshDatabase { database in
            let evening = at("2026-11-24T18:30:00-06:00")
            var harness = try await PipelineHarness.make(database: database, clock: { evening })
            harness.services.sms = Self.twilio(fake)
            let pl1 = try RosterFile.read(TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv")).plumbers[0].mobile
            fake.reply(from: pl1, to: Self.ours, body: " stop ", at: at("2026-11-24T08:00:00-06:00"))
            _ = try await harness.run()
            let pl1Texts = "notifications n JOIN plumbers p ON p.id = n.plumber_id"
            #expect(try await harness.count(pl1Texts, where: "p.external_id = 'PL-0001' AND n.channel = 'sms'") == 0)
            #expect(twilio_messagesTo(fake, pl1) == 0)
            #expect(fake.messages.count > 0, "others still get their texts")
            #expect(try await harness.count("sms_consents sc JOIN plumbers p ON p.id = sc.plumber_id", where: "p.external_id = 'PL-0001' AND revoked_by LIKE 'reply SMin%'") == 1)

            // START the next morning: consent again (the reply is its source); the STOP is not applied twice.
            fake.reply(from: pl1, to: Self.ours, body: "START", at: at("2026-11-25T07:00:00-06:00"))
            let morning = at("2026-11-25T09:00:00-06:00")
            harness.services.clock = { morning }
            _ = try await harness.run(rerun: .notify)
            #expect(try await harness.count("sms_replies") == 2)
            #expect(try await harness.count("sms_consents sc JOIN plumbers p ON p.id = sc.plumber_id", where: "p.external_id = 'PL-0001' AND revoked_at IS NULL AND source LIKE 'reply SMin%'") == 1)
        }
        try await fake.shutdown()
    }

    @Test func whenRepliesCannotBeReadNoTextGoesOut() async throws {
        let fake = try await FakeTwilio()
        fake.failListing()
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database, clock: { ISO8601DateFormatter().date(from: "2026-11-24T18:30:00-06:00")! })
            harness.services.sms = Self.twilio(fake)
            await #expect { _ = try await harness.run() } throws: { ($0 as? RunError)?.code == .needsAttention }
            #expect(fake.messages.isEmpty)
            #expect(try await harness.count("notifications", where: "channel = 'sms' AND status = 'pending' AND last_error LIKE 'replies to our number not read%'") > 0)
            #expect(try await harness.count("notifications", where: "channel = 'email' AND status = 'sent'") > 0, "digests still go out")
        }
        try await fake.shutdown()
    }

    func twilio_messagesTo(_ fake: FakeTwilio, _ number: String) -> Int { fake.messages.filter { $0.to == number }.count }
}
