import Foundation
import Store
import TestSupport
import Testing

/// `plumberleads ingest`, outside a pipeline run, as ops use it.
@Suite struct IngestCommandTests {
    static let fixtures = TestFiles.repositoryRoot.appendingPathComponent("fixtures/inbox/2026-11-24").path

    @Test func dryRunCountsAndRejectsWithoutADatabase() throws {
        let empty = try TestFiles.file("empty.csv", "")
        let result = try Subprocess.run(
            [CLI.executable, "ingest", "--dry-run", "\(Self.fixtures)/meta-leads-2026-11-24.csv", empty.path],
            environment: ["PATH": "/usr/bin:/bin", "PLUMBERLEADS_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"])
        #expect(result.exitCode == 65)
        #expect(result.output.contains("meta_leads: 181 rows read = 180 leads (1 test) + 0 spend rows + 1 rejected"))
        #expect(result.output.contains("line 93: expected 22 fields, found 9"))
        #expect(result.output.contains("empty_file"))
    }

    @Test func loadsFilesIntoADayAndSkipsThemTheSecondTime() async throws {
        let workspace = try await CLI.Workspace.make()
        let file = "\(Self.fixtures)/google-leads-2026-11-24.jsonl"
        let first = try workspace.run(["ingest", "--pipeline", CLI.pipeline, "--date", "2026-11-24", file])
        #expect(first.exitCode == 0, "\(first.output)")
        #expect(first.output.contains("122 rows read = 120 leads + 0 spend rows + 2 rejected + 0 already known"))
        let second = try workspace.run(["ingest", "--pipeline", CLI.pipeline, "--date", "2026-11-24", file])
        #expect(second.output.contains("already ingested (same SHA-256), skipped"))
        let runs = try workspace.run(["runs"])
        #expect(runs.output.contains("2026-11-24  pending  0"))
        // The day's run then takes the rest of the inbox and processes everything once (the order differs,
        // so which copy of a repeated lead counts first, and the rotation, may differ from the reference).
        let run = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"])
        #expect(run.exitCode == 0)
        let state = try await workspace.fingerprint()
        let reference = try await CrashRecoveryTests.reference.value
        #expect(state.leads.count == reference.leads.count)
        #expect(state.rejected.count == reference.rejected.count)
        #expect(state.files.count == reference.files.count)
        #expect(state.journalMatchesCharges && state.smsOncePerRow)
    }
}
