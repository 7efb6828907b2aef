import Foundation
import Logging
import PostgresNIO
import Store
import TestSupport
import Testing

/// Bad input and bad settings end with the documented exit code and a sentence ops can act on, and
/// nothing from an export reaches the terminal raw.
@Suite struct ErrorReportingTests {
    @Test func aFolderOrAMissingFileIsBadInputNotACrash() async throws {
        let folder = try TestFiles.folder("not-a-file")
        let missing = folder.appendingPathComponent("missing.csv").path
        let dry = try Subprocess.run([CLI.executable, "ingest", "--dry-run", folder.path, missing], environment: ["PATH": "/usr/bin:/bin"])
        #expect(dry.exitCode == 65)
        #expect(dry.output.contains("\(folder.path) is a folder, not a file"))
        #expect(dry.output.contains("\(missing) does not exist"))
        #expect(!dry.output.contains("NSCocoaErrorDomain"))
        let workspace = try await CLI.Workspace.make()
        let loading = try workspace.run(["ingest", "--pipeline", CLI.pipeline, "--date", "2026-11-24", folder.path])
        #expect(loading.exitCode == 65, "\(loading.output)")
        #expect(loading.output.contains("is a folder, not a file"))
    }

    /// A copy of the pipeline folder whose inbox is `inbox` (relative to the copy, or absolute).
    static func pipeline(inbox: String) throws -> URL {
        let root = try TestFiles.folder("pipeline")
        _ = try Subprocess.run(["/bin/cp", "-r", TestFiles.repositoryRoot.appendingPathComponent("pipelines").path, root.path + "/pipelines"])
        _ = try Subprocess.run(["/bin/cp", "-r", TestFiles.repositoryRoot.appendingPathComponent("reports").path, root.path + "/reports"])
        let file = root.appendingPathComponent("pipelines/daily.yml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "inbox: ../fixtures/inbox/{date}", with: "inbox: \(inbox)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func configurationThatCannotWorkIsExit78() async throws {
        let workspace = try await CLI.Workspace.make()
        let templates = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-24"], extra: ["PLUMBERLEADS_TEMPLATES": "/nonexistent/templates"])
        #expect(templates.exitCode == 78, "\(templates.output.suffix(300))")
        #expect(templates.output.contains("the templates folder /nonexistent/templates does not exist"))
        let binary = try TestFiles.file("daily.yml", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE]))
        let pipeline = try workspace.run(["run", binary.path, "--date", "2026-11-24"])
        #expect(pipeline.exitCode == 78)
        #expect(pipeline.output.contains("is not UTF-8 text"), "\(pipeline.output)")
    }

    @Test func aDayWithoutItsInboxFolderIsExit66() async throws {
        let workspace = try await CLI.Workspace.make()
        let pipeline = try Self.pipeline(inbox: "/nonexistent/inbox/{date}")
        let result = try workspace.run(["run", pipeline.path, "--date", "2026-11-24"])
        #expect(result.exitCode == 66, "\(result.output.suffix(300))")
        #expect(result.output.contains("no inbox folder /nonexistent/inbox/2026-11-24"))
    }

    @Test func anEmptyRosterIsAWarningInTheRunSummary() async throws {
        let workspace = CLI.Workspace(url: try await TestDatabase.shared.freshURL(), home: try TestFiles.folder("home"))
        let result = try workspace.run(["run", CLI.pipeline, "--date", "2026-11-23"])
        #expect(result.exitCode == 0)
        #expect(result.output.contains("warning: the roster has no active plumber"))
    }

    @Test func escapeSequencesFromAnExportAreShownNotObeyed() async throws {
        let inbox = try TestFiles.folder("inbox")
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("2026-11-24"), withIntermediateDirectories: true)
        // A lead id carrying a terminal escape: clear the screen, set the window title.
        let lead = #"{"lead_id":"evil\u001b[2J\u001b]0;pwned\u0007","user_column_data":[{"column_id":"FULL_NAME","string_value":"Ann Lee"},{"column_id":"PHONE_NUMBER","string_value":"(773) 281-4409"},{"column_id":"POSTAL_CODE","string_value":"60613"}],"campaign_id":1,"google_key":"demo-key","lead_submit_time":"2026-11-24T09:00:00-06:00"}"#
        try (lead + "\n").write(to: inbox.appendingPathComponent("2026-11-24/google-leads.jsonl"), atomically: true, encoding: .utf8)
        let workspace = try await CLI.Workspace.make()
        let pipeline = try Self.pipeline(inbox: inbox.path + "/{date}")
        #expect(try workspace.run(["run", pipeline.path, "--date", "2026-11-24"]).exitCode == 0)
        let trace = try workspace.run(["trace", "1"])
        #expect(trace.exitCode == 0, "\(trace.output)")
        #expect(!trace.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(trace.output.contains(#"evil\u{1b}[2J\u{1b}]0;pwned\u{7}"#))
    }

    @Test func dbMigrateCreatesAConfiguredDatabaseThatDoesNotExistYet() async throws {
        let cluster = try await TestDatabase.shared.cluster()
        let workspace = CLI.Workspace(url: cluster.url(database: "created_by_migrate_\(getpid())"), home: try TestFiles.folder("home"))
        let before = try workspace.run(["runs"])
        #expect(before.exitCode == 69)
        #expect(before.output.contains("does not exist") && before.output.contains("`plumberleads db migrate` creates it"), "\(before.output)")
        let migrate = try workspace.run(["db", "migrate"])
        #expect(migrate.exitCode == 0, "\(migrate.output)")
        #expect(try workspace.run(["runs"]).exitCode == 0)
    }
}
