import Foundation
import Store
import TestSupport
import Testing

/// What `plumberleads demo` prints and every file it writes (reports, statements, digest emails, SMS,
/// the payment journal) compared with the committed copies in `fixtures/golden/demo/`, with only what
/// changes from run to run masked: the home folder, timestamps and the email `Date:` header.
///
/// After a change that is meant to alter the output, `PLUMBERLEADS_UPDATE_GOLDEN=1 swift test --filter
/// DemoGoldenTests` rewrites the copies; the diff then shows exactly what changed.
@Suite struct DemoGoldenTests {
    static let golden = TestFiles.repositoryRoot.appendingPathComponent("fixtures/golden/demo", isDirectory: true)

    @Test func demoOutputMatchesTheGoldenFiles() throws {
        let home = URL(fileURLWithPath: "/tmp/pld-golden-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "PLUMBERLEADS_HOME": home.path, "SWIFT_BACKTRACE": "enable=no",
        ]
        // As a newcomer runs it: from the repository's root, default paths; stdout only (the log varies).
        let demo = try Subprocess.run(
            ["/bin/sh", "-c", "cd \"$1\" && exec \"$2\" demo 2>/dev/null", "demo", TestFiles.repositoryRoot.path, CLI.executable],
            environment: environment)
        defer { _ = try? Subprocess.run([CLI.executable, "db", "stop"], environment: environment) }
        #expect(demo.exitCode == 0, "\(demo.output.suffix(800))")
        var written = ["stdout.txt": Self.mask(demo.output, home: home)]
        for relative in try Self.files(under: home) {
            let text = try String(contentsOf: home.appendingPathComponent(relative), encoding: .utf8)
            let readable = relative.hasSuffix(".jsonl") ? Self.canonicalLines(text) : relative.hasSuffix(".eml") ? MIMEText.decoded(text) : text
            written[relative] = Self.mask(readable, home: home)
        }
        if ProcessInfo.processInfo.environment["PLUMBERLEADS_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.golden)
            for (relative, text) in written {
                let file = Self.golden.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            return
        }
        let expected = try Set(Self.files(under: Self.golden))
        #expect(Set(written.keys) == expected, "files written differ from fixtures/golden/demo/")
        for (relative, text) in written.sorted(by: { $0.key < $1.key }) where expected.contains(relative) {
            let golden = try String(contentsOf: Self.golden.appendingPathComponent(relative), encoding: .utf8)
            #expect(text == golden, "\(relative) differs from its golden copy: \(Self.firstDifference(text, golden))")
        }
    }

    /// Every file under `root`, relative to it, except the database cluster and the keys.
    static func files(under root: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative == "postgres" { walker.skipDescendants(); continue }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true, !relative.hasSuffix(".key") else { continue }
            found.append(relative)
        }
        return found.sorted()
    }

    /// The text with the home folder, ISO timestamps, email dates and the cluster's socket folder replaced.
    static func mask(_ text: String, home: URL) -> String {
        var text = text.replacingOccurrences(of: home.path, with: "<HOME>")
        for (pattern, replacement) in [
            (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, "<TIMESTAMP>"),
            (#"(?m)^Date: .*$"#, "Date: <DATE>"),
            (#"host=[^"\s]+"#, "host=<CLUSTER>"),
            // Links are signed under the home's own key.
            (#"sig=[A-Za-z0-9_-]+"#, "sig=<SIGNATURE>"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    /// JSON lines with their keys sorted: the order a writer happens to use is not part of the output.
    static func canonicalLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
                  let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return String(line) }
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n")
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let (left, right) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "(end)", r = index < right.count ? String(right[index]) : "(end)"
            if l != r { return "line \(index + 1): got «\(l.prefix(200))», golden «\(r.prefix(200))»" }
        }
        return "none"
    }
}
