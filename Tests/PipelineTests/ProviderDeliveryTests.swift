import Foundation
import LeadModel
import Logging
import Notify
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// The notify stage through SendGrid and Twilio (their fakes): the same outbox rules as the file outbox,
/// each provider answer recorded, nothing sent twice.
@Suite struct ProviderDeliveryTests {
    static func channels(_ sendGrid: FakeSendGrid, _ twilio: FakeTwilio) -> (SendGridChannel, TwilioChannel) {
        let logger = Logger(label: "test")
        return (
            SendGridChannel(configuration: .init(apiKey: Secret(FakeSendGrid.apiKey), baseURL: sendGrid.url, timeout: .seconds(10)), logger: logger, pause: { _ in }),
            TwilioChannel(
                configuration: .init(accountSID: FakeTwilio.accountSID, authToken: Secret(FakeTwilio.authToken), sender: .number("+13125550100"), baseURL: twilio.url,
                                     timeout: .seconds(10)),
                logger: logger, pause: { _ in }))
    }

    @Test func theDayGoesOutThroughTheProvidersWithTheirIds() async throws {
        let (sendGrid, twilio) = (try await FakeSendGrid(), try await FakeTwilio())
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database)
            (harness.services.email, harness.services.sms) = Self.channels(sendGrid, twilio)
            _ = try await harness.run()
            let digests = try await harness.count("notifications", where: "channel = 'email' AND status = 'sent' AND provider_ref LIKE 'fake-sg-%'")
            let texts = try await harness.count("notifications", where: "channel = 'sms' AND status = 'sent' AND provider_ref LIKE 'SM%'")
            #expect(digests > 0 && digests == sendGrid.accepted.count)
            #expect(texts > 0 && texts == twilio.messages.count)
            // Only our message keys travel with a digest.
            #expect(sendGrid.accepted.allSatisfy { ($0["custom_args"] as? [String: String])?.keys.sorted() == ["message_key"] })
            #expect(sendGrid.accepted.filter { ($0["categories"] as? [String]) == ["admin-summary"] }.count == 1, "the admins' summary")
            // Every digest carries the sender's postal address, a visible unsubscribe link and the one-click headers.
            for body in sendGrid.accepted where (body["categories"] as? [String]) == ["digest"] {
                let headers = try #require(body["headers"] as? [String: String])
                let unsubscribe = try #require(headers["List-Unsubscribe"])
                #expect(unsubscribe.hasPrefix("<https://leads.plumberleads.example/l/unsubscribe?s=") && unsubscribe.hasSuffix(">"))
                #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
                let parts = try #require(body["content"] as? [[String: String]])
                for part in parts.compactMap({ $0["value"] }) {
                    #expect(part.contains("PlumberLeads, 1 N State St Ste 1500, Chicago, IL 60602"))
                    #expect(part.contains("/l/unsubscribe?s=") && part.contains("/l/credit?s="))
                }
                #expect(parts.last?["value"]?.contains(#"href="tel:+1"#) == true, "tap to call")
                // Nothing personal in what SendGrid keeps for statistics.
                #expect(String(describing: body["custom_args"] ?? "").range(of: #"[@+]|\d{10}"#, options: .regularExpression) == nil)
            }
            // The whole request body of one digest, as SendGrid receives it (links' signatures masked).
            let pl4 = try #require(sendGrid.accepted.first { ($0["custom_args"] as? [String: String])?["message_key"] == "digest-2026-11-24-p4" })
            let json = String(decoding: try JSONSerialization.data(withJSONObject: pl4, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]), as: UTF8.self)
                .replacingOccurrences(of: #"sig=[0-9A-Za-z_-]+"#, with: "sig=<SIGNATURE>", options: .regularExpression)
            let golden = GoldenFile("sendgrid/digest-2026-11-24-p4.json")
            #expect(try golden.matches(json + "\n"), "the SendGrid body differs from \(golden.url.path) (PLUMBERLEADS_UPDATE_GOLDEN=1 to accept)")
            // A rerun sends nothing again.
            _ = try await harness.run(rerun: .notify)
            #expect(sendGrid.accepted.count == digests && twilio.messages.count == texts)
        }
        try await sendGrid.shutdown()
        try await twilio.shutdown()
    }

    @Test func unclearAnswersAreParkedRefusalsFailAndAnOutageWaitsForTheNextRun() async throws {
        let (sendGrid, twilio) = (try await FakeSendGrid(), try await FakeTwilio())
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database)
            (harness.services.email, harness.services.sms) = Self.channels(sendGrid, twilio)
            // The first digest: a 500 (maybe sent); the first text: dropped after Twilio took it (maybe sent);
            // the second text: the number replied STOP.
            sendGrid.queue(.serverError)
            twilio.queue(.dropAfterAccepting)
            let stopped = try await Self.secondSMSNumber(harness)
            twilio.optOut(stopped)
            _ = try await harness.run()
            #expect(try await harness.count("notifications", where: "status = 'maybe_sent'") == 2)
            #expect(try await harness.count("notifications", where: "status = 'failed' AND last_error LIKE '%21610%'") >= 1)
            #expect(try await harness.count("plumbers", where: "sms_opted_out_at IS NOT NULL") == 1)
            let maybe = try await OutboxRepository(database.session).maybeSent()
            #expect(maybe.map(\.channel).sorted { $0.rawValue < $1.rawValue } == [.email, .sms])

            // Ops: the text arrived (Twilio took it); the digest is sent again.
            let digest = try #require(maybe.first { $0.channel == .email })
            let text = try #require(maybe.first { $0.channel == .sms })
            #expect(try await OutboxRepository(database.session).resolveMaybeSent(text.id, as: .sent) == "2026-11-24")
            #expect(try await OutboxRepository(database.session).resolveMaybeSent(digest.id, as: .pending) == "2026-11-24")
            #expect(try await OutboxRepository(database.session).resolveMaybeSent(digest.id, as: .sent) == nil, "only a maybe-sent message is resolved")
            let before = sendGrid.accepted.count
            _ = try await harness.run(rerun: .notify)
            #expect(sendGrid.accepted.count == before + 1)
            #expect(try await harness.count("notifications", where: "status = 'maybe_sent'") == 0)
        }
        try await sendGrid.shutdown()
        try await twilio.shutdown()
    }

    @Test func whenSendGridCannotBeReachedTheDigestsWaitAndTheRunNeedsAttention() async throws {
        let (sendGrid, twilio) = (try await FakeSendGrid(), try await FakeTwilio())
        let refusing = try RefusingPort()
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database)
            let (_, sms) = Self.channels(sendGrid, twilio)
            harness.services.sms = sms
            harness.services.email = SendGridChannel(
                configuration: .init(apiKey: Secret(FakeSendGrid.apiKey), baseURL: refusing.url, timeout: .milliseconds(500)), logger: Logger(label: "test"),
                pause: { _ in })
            await #expect { _ = try await harness.run() } throws: { ($0 as? RunError)?.code == .needsAttention }
            #expect(try await harness.count("notifications", where: "channel = 'email' AND status = 'pending' AND last_error LIKE 'SendGrid unreachable%'") > 0)
            #expect(try await harness.count("notifications", where: "channel = 'sms' AND status = 'sent'") == twilio.messages.count)

            // SendGrid is back: a plain re-run sends the digests, and no text twice.
            let back = try await FakeSendGrid()
            (harness.services.email, _) = Self.channels(back, twilio)
            let texts = twilio.messages.count
            _ = try await harness.run()
            #expect(back.accepted.count == (try await harness.count("notifications", where: "channel = 'email' AND status = 'sent'")))
            #expect(twilio.messages.count == texts)
            try await back.shutdown()
        }
        try await sendGrid.shutdown()
        try await twilio.shutdown()
    }

    /// PL-0002's mobile: a plumber the fixture day texts about an emergency lead.
    static func secondSMSNumber(_ harness: PipelineHarness) async throws -> String {
        try RosterFile.read(TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv")).plumbers[1].mobile
    }
}
