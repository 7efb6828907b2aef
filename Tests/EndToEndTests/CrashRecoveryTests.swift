import Foundation
import PostgresNIO
import Store
import TestSupport
import Testing

/// Kills a real `plumberleads` process at every failpoint, runs it again, and proves the final state
/// equals an uninterrupted run: no lead lost, none billed or messaged twice.
@Suite struct CrashRecoveryTests {
    /// Every named point, plus later hits of chunked points so crashes also land mid-stage. (Dedup's
    /// fixture day is one chunk — it writes only the leads it compared; DedupStageTests resumes it mid-day.)
    static let failpoints = CLI.failpointNames().filter { $0 != "bill:after-refund" && !$0.hasPrefix("setup:") } + [
        "ingest:chunk-after-commit@3", "enrich:chunk-after-commit@2",
        "match:chunk-after-commit@2", "bill:after-provider@17", "bill:chunk-before-commit@9", "notify:after-send@4",
        "notify:after-sending-mark@5",
    ]

    @Test("killed at a failpoint, a re-run ends in the same state as an uninterrupted run", arguments: failpoints)
    func killAndResume(failpoint: String) async throws {
        let reference = try await Self.reference.value
        let workspace = try await CLI.Workspace.make()
        let killed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], failpoint: failpoint)
        #expect(killed.signal == SIGKILL, "the failpoint was never reached: \(killed.output.suffix(400))")
        #expect(killed.output.contains("failpoint \(failpoint.split(separator: "@")[0]) reached"))
        let resumed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"])
        #expect(resumed.exitCode == 0, "\(resumed.output.suffix(600))")
        let state = try await workspace.fingerprint()
        #expect(state.limitViolations.isEmpty, "\(state.limitViolations)")
        #expect(state == reference)
        let again = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"])
        #expect(again.exitCode == 0)
        #expect(try await workspace.fingerprint() == reference)
    }

    @Test func killedAfterARefundARerunRefundsEachCreditOnce() async throws {
        let workspace = try await CLI.Workspace.make()
        #expect(try workspace.run(["run", CLI.pipeline, "--date", "2026-11-23"]).exitCode == 0)
        let killed = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], failpoint: "bill:after-refund")
        #expect(killed.signal == SIGKILL, "no credit was refunded: \(killed.output.suffix(400))")
        #expect(try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"]).exitCode == 0)
        let database = try await Database.connect(workspace.url, logger: .init(label: "e2e"))
        let credits = try await database.rows("SELECT idempotency_key, status FROM credits ORDER BY id").map { try $0.decode((String, String).self) }
        try await database.close()
        let journal = try String(contentsOf: workspace.home.appendingPathComponent("ledger/payments.jsonl"), encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["kind"] as? String == "refund" }.compactMap { $0["key"] as? String }
        // The fixtures' two automatic credits: the same job bought twice, and a phone corrected the next day.
        #expect(credits.count == 2 && credits.allSatisfy { $0.1 == "refunded" })
        #expect(journal == credits.map(\.0))
    }

    /// The state after one uninterrupted run, computed once.
    static let reference = Task<Fingerprint, any Error> {
        let workspace = try await CLI.Workspace.make()
        let result = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"])
        guard result.exitCode == 0 else { throw CLI.Failure(output: result.output) }
        return try await workspace.fingerprint()
    }
}
