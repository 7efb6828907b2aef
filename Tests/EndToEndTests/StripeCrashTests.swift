import Foundation
import PostgresNIO
import Store
import TestSupport
import Testing

/// Kills a real `plumberleads` process billing through Stripe (an in-process fake that keeps state as
/// Stripe does) at every failure point of billing — before the request, after Stripe answered, before
/// and after our commit — and proves after the re-run that each assignment was charged exactly once.
@Suite(.serialized) struct StripeCrashTests {
    static let failpoints = [
        "bill:before-request", "bill:before-request@9", "bill:after-provider", "bill:after-provider@12",
        "bill:chunk-before-commit@3", "bill:chunk-after-commit@5",
    ]

    @Test("killed while billing through Stripe, a re-run charges each assignment exactly once", arguments: failpoints)
    func killAndResume(failpoint: String) async throws {
        let fake = try await FakeStripe()
        do {
            let workspace = try await CLI.Workspace.make()
            let stripe = ["STRIPE_SECRET_KEY": FakeStripe.secretKey, "PLUMBERLEADS_STRIPE_URL": fake.url]
            let killed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], failpoint: failpoint, extra: stripe)
            #expect(killed.signal == SIGKILL, "the failpoint was never reached: \(killed.output.suffix(400))")
            let resumed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], extra: stripe)
            #expect(resumed.exitCode == 0, "\(resumed.output.suffix(600))")

            let database = try await Database.connect(workspace.url, logger: .init(label: "e2e"))
            let charged = try await database.rows("""
                SELECT c.assignment_id::text FROM charges c WHERE c.method = 'payment_intent' AND c.status = 'succeeded'
                """).map { try $0.decode(String.self) }
            let metered = try await database.rows("SELECT idempotency_key FROM charges WHERE method = 'meter_event' AND status = 'succeeded'")
                .map { try $0.decode(String.self) }
            let unsettled = try await database.rows("SELECT count(*)::int FROM charges WHERE status = 'pending'")[0].decode(Int.self)
            let violations = try await database.rows(PostgresQuery(unsafeSQL: RosterLimits.violations)).map { try $0.decode(String.self) }
            try await database.close()

            #expect(unsettled == 0)
            #expect(violations.isEmpty, "\(violations)")
            let intents = Dictionary(grouping: fake.intents.filter { $0.status == "succeeded" }, by: { $0.metadata["assignment_id"] ?? "" })
            #expect(Set(intents.keys) == Set(charged))
            #expect(intents.values.allSatisfy { $0.count == 1 }, "an assignment was charged twice")
            #expect(Set(fake.meterEvents.keys) == Set(metered))
            #expect(!charged.isEmpty && !metered.isEmpty)
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }
}
