import Billing
import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// A digest tells the plumber every credit given since their last digest, each once, with its reason;
/// a credit given when no lead is due still reaches them.
@Suite struct DigestCreditsTests {
    @Test func eachCreditIsToldOnceInItsPlumbersNextDigest() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-23"))
            _ = try await harness.run()
            let settled = try await harness.count("credits", where: "status IN ('refunded', 'credited')")
            #expect(settled > 0, "the fixtures' second day credits duplicates and mistyped phones")
            // Every settled credit is in exactly one digest, and that digest is its own plumber's.
            #expect(try await harness.count("digest_credits") == settled)
            #expect(try await harness.count(
                "digest_credits d JOIN credits c ON c.id = d.credit_id JOIN notifications n ON n.id = d.notification_id",
                where: "n.plumber_id = c.plumber_id AND n.channel = 'email'") == settled)
            let pl4 = try digest("digest-2026-11-24-p4.eml", in: harness)
            #expect(pl4.contains("Credits since your last digest: $40.00"))
            #expect(pl4.contains("refunded to your card."))
            #expect(pl4.contains("Lead 3 turned out to be the same job as lead 1"))

            // A return accepted after the digests went out: the next run of the day sends a digest of that
            // credit alone, and a further run sends nothing more.
            let rules = try ReturnRules.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/returns.yml"))
            let returns = try TestFiles.file("returns.csv", "plumber_id,lead_id,reason_code,note\nPL-0004,1,wrong_number,disconnected\n")
            let outcome = try await ReturnRequests.importFile(returns, rules: rules, today: PipelineHarness.date, database: database, cipher: harness.services.cipher)
            #expect(outcome.decisions.map(\.accepted) == [true])
            _ = try await harness.run(rerun: .bill)
            let followUp = try digest("digest-2026-11-24-p4-2.eml", in: harness)
            #expect(followUp.contains("\n1 credit for Evanston Water Heater Co.\n"), "\(followUp.prefix(900))")
            #expect(followUp.contains("Lead #1 (2026-11-24): $"))
            #expect(followUp.contains("he phone number does not reach the person who asked"))
            #expect(!followUp.contains("Call your leads quickly"), "no leads in it")
            #expect(!followUp.contains("(follow-up)"))
            let emails = try await harness.count("notifications", where: "channel = 'email'")
            _ = try await harness.run(rerun: .notify)
            #expect(try await harness.count("notifications", where: "channel = 'email'") == emails)
            #expect(try await harness.count("digest_credits") == settled + 1)
        }
    }

    @Test func anUnsubscribedPlumberIsToldNoCredit() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-23"))
            #expect(try await PlumberRepository(database: database, cipher: harness.services.cipher).setDigestsUnsubscribed("PL-0004", true))
            _ = try await harness.run()
            #expect(try await harness.count("credits c JOIN plumbers p ON p.id = c.plumber_id", where: "p.external_id = 'PL-0004' AND c.status = 'refunded'") == 1)
            #expect(try await harness.count("digest_credits d JOIN credits c ON c.id = d.credit_id JOIN plumbers p ON p.id = c.plumber_id", where: "p.external_id = 'PL-0004'") == 0)
        }
    }

    /// The decoded text of a digest the file outbox wrote.
    func digest(_ name: String, in harness: PipelineHarness) throws -> String {
        let raw = try String(contentsOf: harness.home.appendingPathComponent("outbox/emails/\(name)"), encoding: .utf8)
        return MIMEText.decoded(raw)
    }
}
