import Foundation
import Store
import TestSupport
import Testing

/// `plumberleads demo` on its own local cluster, twice, as a newcomer would run it.
@Suite struct DemoTests {
    @Test func demoRunsTwiceAndStoresNoPlainPII() throws {
        let home = URL(fileURLWithPath: "/tmp/pld-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "PLUMBERLEADS_HOME": home.path, "SWIFT_BACKTRACE": "enable=no",
        ]
        let arguments = ["demo", "--pipeline", CLI.pipeline, "--roster", CLI.roster]
        let first = try Subprocess.run([CLI.executable] + arguments, environment: environment)
        defer { _ = try? Subprocess.run([CLI.executable, "db", "stop"], environment: environment) }
        #expect(first.exitCode == 0, "\(first.output.suffix(800))")
        #expect(first.output.contains("Generated a local PII encryption key"))
        #expect(first.output.contains("stages run       ingest → enrich → dedup → match → bill → notify → report"))
        #expect(first.output.contains("leads in         307"))
        #expect(first.output.contains("PlumberLeads demo · business day 2026-11-23"))
        // Matches, unsold leads with reasons, a statement per plumber, and the automatic credit.
        #expect(first.output.contains("Matches and money (both days)"))
        #expect(first.output.contains("no coverage"))
        #expect(first.output.contains("PL-0004 · automatic · refunded $40.00 · lead 3 turned out to be the same job as lead 1"))
        #expect(first.output.contains("PL-0001 · automatic · refunded $35.00 · the phone of lead 2 looks mistyped"))
        let statements = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("reports/statements").path)
        #expect(statements.count == 9)
        let statement = try String(contentsOf: home.appendingPathComponent("reports/statements/PL-0004.txt"), encoding: .utf8)
        #expect(statement.contains("credited $40.00"))
        let second = try Subprocess.run([CLI.executable] + arguments, environment: environment)
        #expect(second.exitCode == 0)
        #expect(second.output.contains("nothing to do: every stage was already done"))
        #expect(second.output.contains("0 new, 0 updated"))
        #expect(first.output.components(separatedBy: "leads in")[2] == second.output.components(separatedBy: "leads in")[2])

        let url = try Subprocess.run([CLI.executable, "db", "url"], environment: environment).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let dump = try Subprocess.run(["/usr/bin/pg_dump", url], environment: environment)
        #expect(dump.exitCode == 0, "\(dump.output.prefix(300))")
        #expect(dump.output.contains("COPY public.leads"))
        // Names, phones, emails and streets from the fixtures never appear in clear.
        let google = try String(contentsOf: TestFiles.repositoryRoot.appendingPathComponent("fixtures/inbox/2026-11-24/google-leads-2026-11-24.jsonl"), encoding: .utf8)
        let samples = ["dispatch@lakeview-plumbing.example.com", "+13122864410"] + google.split(separator: "\n").prefix(5).flatMap { line in
            ["FULL_NAME", "EMAIL", "STREET_ADDRESS"].compactMap { Self.value(of: $0, in: String(line)) }
        }
        #expect(samples.count == 17)
        for sample in samples { #expect(!dump.output.contains(sample), "\(sample) is stored in clear") }
    }

    static func value(of columnID: String, in line: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let columns = object["user_column_data"] as? [[String: Any]] else { return nil }
        return columns.first { $0["column_id"] as? String == columnID }?["string_value"] as? String
    }
}
