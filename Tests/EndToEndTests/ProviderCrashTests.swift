import Foundation
import Logging
import PostgresNIO
import Store
import TestSupport
import Testing

/// Kills the real binary at the notify failpoints while it delivers through SendGrid and Twilio (their
/// fakes): neither provider takes an idempotency key, so the message in flight at the kill must end
/// `maybe_sent` (never re-sent by itself) and every other message must reach its provider exactly once.
@Suite struct ProviderCrashTests {
    /// The fixture day sends its 24 texts first (4 more are withheld: PL-0008 takes texts in office hours
    /// only; PL-0004 revoked its consent), then its 7 digests: the @N points land on each channel.
    static let failpoints = [
        "notify:after-sending-mark", "notify:after-send", "notify:chunk-after-commit", "notify:after-sending-mark@27", "notify:after-send@28",
    ]

    @Test("killed while delivering through the providers, nothing reaches anyone twice", arguments: failpoints)
    func killAndResume(failpoint: String) async throws {
        let (sendGrid, twilio) = (try await FakeSendGrid(), try await FakeTwilio())
        let providers = [
            "SENDGRID_API_KEY": FakeSendGrid.apiKey, "PLUMBERLEADS_SENDGRID_URL": sendGrid.url,
            "TWILIO_ACCOUNT_SID": FakeTwilio.accountSID, "TWILIO_AUTH_TOKEN": FakeTwilio.authToken, "TWILIO_FROM": "+13125550100",
            "PLUMBERLEADS_TWILIO_URL": twilio.url,
        ]
        let workspace = try await CLI.Workspace.make()
        let killed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], failpoint: failpoint, extra: providers)
        #expect(killed.signal == SIGKILL, "the failpoint was never reached: \(killed.output.suffix(400))")
        let resumed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], extra: providers)

        let database = try await Database.connect(workspace.url, logger: Logger(label: "e2e"))
        let statuses = try await database.rows("SELECT channel, status, count(*)::int FROM notifications GROUP BY 1, 2 ORDER BY 1, 2")
            .map { try $0.decode((String, String, Int).self) }
        let maybe = statuses.filter { $0.1 == "maybe_sent" }.map(\.2).reduce(0, +)
        let sent = Dictionary(statuses.filter { $0.1 == "sent" }.map { ($0.0, $0.2) }, uniquingKeysWith: +)
        try await database.close()

        // Every message is sent (or withheld for texting hours), except the one in flight at a kill between
        // the mark and the commit.
        let inFlight = failpoint.hasPrefix("notify:chunk-after-commit") ? 0 : 1
        #expect(statuses.allSatisfy { ["sent", "maybe_sent", "withheld"].contains($0.1) }, "\(statuses)")
        #expect(maybe == inFlight, "\(statuses)")
        #expect(resumed.exitCode == (inFlight == 1 ? 74 : 0), "\(resumed.output.suffix(400))")
        if inFlight == 1 { #expect(resumed.output.contains("may have been sent: plumberleads notify maybe-sent")) }

        // Nothing twice at the providers; what each took is what we recorded as sent, plus the one that
        // left just before the kill after the provider answered.
        let digestKeys = sendGrid.accepted.compactMap { ($0["custom_args"] as? [String: String])?["message_key"] }
        #expect(Set(digestKeys).count == digestKeys.count, "a digest reached SendGrid twice")
        let texts = twilio.messages.map { "\($0.to) \($0.body)" }
        #expect(Set(texts).count == texts.count, "a text reached Twilio twice")
        let leftBeforeTheKill = failpoint.split(separator: "@")[0] == "notify:after-send" ? 1 : 0
        #expect(digestKeys.count + texts.count == (sent["email"] ?? 0) + (sent["sms"] ?? 0) + leftBeforeTheKill)
        try await sendGrid.shutdown()
        try await twilio.shutdown()
    }
}
