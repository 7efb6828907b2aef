import Foundation
import LeadModel
@testable import Notify
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// Every charged lead reaches its plumber in exactly one digest, and a message that cannot go out stays
/// queued with the stage not done.
@Suite struct NotifyDeliveryTests {
    /// The fixture day in a folder of its own, so a test can drop a late export into it.
    static func fixtureInbox() throws -> URL {
        let inbox = try TestFiles.folder("inbox")
        let day = inbox.appendingPathComponent("2026-11-24")
        try FileManager.default.copyItem(at: TestFiles.repositoryRoot.appendingPathComponent("fixtures/inbox/2026-11-24"), to: day)
        return inbox
    }

    /// Each succeeded charge's lead with the number of digests holding it.
    static func digestsPerCharge(_ database: Database) async throws -> [Int] {
        try await database.rows("""
            SELECT (SELECT count(*) FROM digest_items d WHERE d.assignment_id = c.assignment_id)::int
            FROM charges c WHERE c.status = 'succeeded'
            """).map { try $0.decode(Int.self) }
    }

    @Test func aLateExportAfterTheDigestGoesOutInAFollowUpDigest() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let inbox = try Self.fixtureInbox()
            let harness = try await PipelineHarness.make(database: database, inbox: inbox.appendingPathComponent("{date}"))
            _ = try await harness.run()
            let firstDigests = try await harness.count("notifications", where: "channel = 'email' AND status = 'sent'")
            #expect(try await Self.digestsPerCharge(database).allSatisfy { $0 == 1 })

            // A late export: two non-urgent leads in 60613 the day's first digest could not hold.
            let late = [
                GoogleLeadInbox.lead("late-1", "Nora Lindqvist", "(773) 348-2290", "nora.lindqvist@example.com", "3500 N Lake Shore Dr", "Leak repair", day: "2026-11-24"),
                GoogleLeadInbox.lead("late-2", "Omar Haddad", "(773) 525-6631", "omar.haddad@example.com", "800 W Addison St", "Leak repair", day: "2026-11-24"),
            ]
            try (late.joined(separator: "\n") + "\n").write(
                to: inbox.appendingPathComponent("2026-11-24/google-leads-2026-11-24-evening.jsonl"), atomically: true, encoding: .utf8)
            let outcome = try await harness.run(rerun: .ingest)
            #expect(outcome.executed.contains(.notify))

            let perCharge = try await Self.digestsPerCharge(database)
            #expect(perCharge.allSatisfy { $0 == 1 }, "every charged lead is in exactly one digest: \(perCharge)")
            let lateCharges = try await harness.count("""
                charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id JOIN raw_leads r ON r.id = l.raw_lead_id
                """, where: "c.status = 'succeeded' AND r.platform_lead_id LIKE 'late-%'")
            #expect(lateCharges > 0, "the late leads were sold")
            let followUps = try await database.rows("""
                SELECT idempotency_key, status FROM notifications WHERE channel = 'email' AND idempotency_key LIKE 'digest-%-%-%-%-2'
                """).map { try $0.decode((String, String).self) }
            #expect(!followUps.isEmpty && followUps.allSatisfy { $0.1 == "sent" }, "\(followUps)")
            #expect(try await harness.count("notifications", where: "channel = 'email' AND status = 'sent'") == firstDigests + followUps.count)
            let emails = try FileManager.default.contentsOfDirectory(atPath: harness.home.appendingPathComponent("outbox/emails").path)
            #expect(emails.count == firstDigests + followUps.count)
            let followUp = try String(
                contentsOf: harness.home.appendingPathComponent("outbox/emails/\(FileOutbox.fileName(followUps[0].0)).eml"), encoding: .utf8)
            let subject = followUp.split(separator: "\r\n").first { $0.hasPrefix("Subject: =?UTF-8?B?") }
                .flatMap { Data(base64Encoded: String($0.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2))) }.map { String(decoding: $0, as: UTF8.self) }
            #expect(subject?.contains("more lead") == true && subject?.hasSuffix("(follow-up)") == true, "\(subject ?? "no subject")")

            // Nothing more to send: a rerun of notify makes no message.
            let before = try await harness.count("notifications")
            _ = try await harness.run(rerun: .notify)
            #expect(try await harness.count("notifications") == before)
        }
    }

    /// A channel that refuses every message, as a full disk or a provider outage does.
    struct RefusingChannel: EmailChannel, SMSChannel {
        var deduplicatesByKey: Bool { true }
        func send(_ email: OutgoingEmail, key: String) async throws -> DeliveryOutcome { throw OutboxError(file: "\(key).eml", errno: ENOSPC) }
        func send(_ sms: OutgoingSMS, key: String) async throws -> DeliveryOutcome { throw OutboxError(file: "sms.jsonl", errno: ENOSPC) }
    }

    @Test func aRefusedMessageStaysQueuedAndTheStageIsNotDone() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database)
            let (workingEmail, workingSMS) = (harness.services.email, harness.services.sms)
            (harness.services.email, harness.services.sms) = (RefusingChannel(), RefusingChannel())
            await #expect { _ = try await harness.run() } throws: { ($0 as? RunError)?.code == .needsAttention }
            let status = try await database.rows("SELECT status FROM stage_runs WHERE stage = 'notify'")[0].decode(String.self)
            #expect(status == "failed")
            #expect(try await harness.count("notifications", where: "status = 'sent'") == 0)
            let queued = try await harness.count("notifications", where: "status = 'pending' AND last_error LIKE '%No space left%'")
            #expect(queued == (try await harness.count("notifications", where: "status <> 'withheld'")) && queued > 0)

            // Space again: a plain re-run (no --rerun) sends what was queued, each message once.
            (harness.services.email, harness.services.sms) = (workingEmail, workingSMS)
            let outcome = try await harness.run()
            #expect(outcome.executed == [.notify, .report])
            #expect(try await harness.count("notifications", where: "status = 'sent'") == queued)
        }
    }

    @Test func theFileOutboxIsPrivate() async throws {
        let root = try TestFiles.folder("outbox").appendingPathComponent("outbox")
        let outbox = FileOutbox(root: root)
        try await outbox.send(OutgoingEmail(from: "a@example.com", to: "b@example.com", subject: "s", text: "t", html: "h"), key: "digest-1")
        try await outbox.send(OutgoingSMS(to: "+13125550100", body: "Burst pipe at 1 Main St"), key: "sms-1")
        func mode(_ url: URL) throws -> Int { try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! Int }
        #expect(try mode(root) == 0o700)
        #expect(try mode(root.appendingPathComponent("emails")) == 0o700)
        #expect(try mode(root.appendingPathComponent("emails/digest-1.eml")) == 0o600)
        #expect(try mode(root.appendingPathComponent("sms.jsonl")) == 0o600)
        #expect(try mode(root.deletingLastPathComponent()) == 0o755, "the home above stays enterable")
    }
}
