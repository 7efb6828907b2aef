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
        #expect(first.output.contains("leads in         303"))
        let second = try Subprocess.run([CLI.executable] + arguments, environment: environment)
        #expect(second.exitCode == 0)
        #expect(second.output.contains("nothing to do: every stage was already done"))
        #expect(second.output.contains("0 new, 0 updated"))
        #expect(first.output.components(separatedBy: "leads in")[1] == second.output.components(separatedBy: "leads in")[1])

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
