import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// The daily summary to the admins: once per admin and day, after the plumbers' messages, with the
/// figures of the day and the messages that need a decision.
@Suite struct AdminSummaryTests {
    @Test func eachAdminGetsTheDaysSummaryOnce() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            #expect(harness.definition.adminEmails == ["ops@plumberleads.example"])
            _ = try await harness.run()
            #expect(try await harness.count("notifications", where: "recipient = 'ops@plumberleads.example' AND status = 'sent'") == 1)
            let summary = try await AdminSummaries(database.session).load(day: PipelineHarness.date)
            let day = try await DaySummaries(database.session).load(date: PipelineHarness.date)
            #expect(summary.sold == day.matched && summary.unsold == day.unsold && summary.revenue.cents == day.billedCents)
            #expect(summary.unsoldReasons.map(\.count).reduce(0, +) == day.unsold)
            let file = harness.home.appendingPathComponent("outbox/emails/admin-summary-2026-11-24-1.eml")
            #expect(FileManager.default.fileExists(atPath: file.path))
            #expect(day.emailsSent == (try await harness.count("notifications", where: "channel = 'email' AND plumber_id IS NOT NULL AND status = 'sent'")), "digests only")
            _ = try await harness.run(rerun: .notify)
            #expect(try await harness.count("notifications", where: "recipient IS NOT NULL") == 1)
            // The table holds a message for a plumber or for an address, never both or neither.
            await #expect(throws: (any Error).self) {
                try await database.execute("""
                    INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, status, recipient)
                    SELECT id, '2026-11-24', 'email', 'both', 'pending', 'ops@plumberleads.example' FROM plumbers LIMIT 1
                    """)
            }
        }
    }
}
