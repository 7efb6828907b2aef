import Foundation
import Logging
import PostgresNIO
import Store
import TestSupport
import Testing

/// The private cluster the CLI creates and starts when no database URL is set: never visible half-made,
/// never listening on TCP, working from any folder its home is copied to, and never started when its
/// settings are not ours. Each test makes its own cluster (a few seconds each).
@Suite(.serialized) struct LocalClusterTests {
    /// The CLI with a home of its own and no database URL: the local cluster path.
    struct Home {
        var folder: URL
        var cluster: LocalCluster { LocalCluster(root: LocalCluster.root(preferring: folder.appendingPathComponent("postgres", isDirectory: true))) }

        func run(_ arguments: [String], failpoint: String? = nil) throws -> Subprocess.Result {
            var environment = [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PLUMBERLEADS_HOME": folder.path,
                "PLUMBERLEADS_PII_KEY": CLI.key, "SWIFT_BACKTRACE": "enable=no",
            ]
            environment["PLUMBERLEADS_FAILPOINT"] = failpoint
            return try Subprocess.run([CLI.executable] + arguments, environment: environment)
        }

        /// What the running server listens on: `listen_addresses` and `unix_socket_directories`.
        func listening() async throws -> (tcp: String, sockets: String) {
            let database = try await Database.connect(cluster.url(database: "postgres"), logger: Logger(label: "e2e"))
            let tcp = try await database.rows("SHOW listen_addresses")[0].decode(String.self)
            let sockets = try await database.rows("SHOW unix_socket_directories")[0].decode(String.self)
            try await database.close()
            return (tcp, sockets)
        }
    }

    @Test("a kill during first-time setup leaves no cluster, and the next start makes a closed one", arguments: ["setup:after-initdb", "setup:after-settings"])
    func killDuringFirstSetup(failpoint: String) async throws {
        let home = Home(folder: try TestFiles.folder("setup"))
        let killed = try home.run(["db", "start"], failpoint: failpoint)
        #expect(killed.signal == SIGKILL, "the failpoint was never reached: \(killed.output.suffix(400))")
        #expect(!FileManager.default.fileExists(atPath: home.cluster.dataDirectory.path), "a half-made cluster is visible")
        let started = try home.run(["db", "start"])
        #expect(started.exitCode == 0, "\(started.output)")
        defer { _ = try? home.run(["db", "stop"]) }
        let listening = try await home.listening()
        #expect(listening.tcp == "")
        #expect(listening.sockets == home.cluster.root.path)
    }

    @Test func aCopiedHomeStartsWithItsSocketInTheCopy() async throws {
        let home = Home(folder: try TestFiles.folder("original"))
        #expect(try home.run(["db", "start"]).exitCode == 0)
        #expect(try home.run(["db", "stop"]).exitCode == 0)
        let copy = Home(folder: try TestFiles.folder("copy").appendingPathComponent("var"))
        #expect(try Subprocess.run(["/bin/cp", "-a", home.folder.path, copy.folder.path]).exitCode == 0)
        let started = try copy.run(["db", "start"])
        #expect(started.exitCode == 0, "\(started.output)")
        defer { _ = try? copy.run(["db", "stop"]) }
        let listening = try await copy.listening()
        #expect(listening.sockets == copy.cluster.root.path)
        #expect(listening.tcp == "")
    }

    @Test("as root, a home under a folder the server user cannot enter (such as /root) still gets a cluster",
          .enabled(if: geteuid() == 0, "only root runs the server as another user"))
    func aHomeThePostgresUserCannotEnter() async throws {
        let locked = try TestFiles.folder("locked")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path)
        let home = Home(folder: locked.appendingPathComponent("var"))
        let started = try home.run(["db", "start"])
        #expect(started.exitCode == 0, "\(started.output)")
        defer {
            _ = try? home.run(["db", "stop"])
            try? FileManager.default.removeItem(at: home.cluster.root)
        }
        let listening = try await home.listening()
        #expect(listening.sockets.hasPrefix("/var/lib/plumberleads/clusters/"), "\(listening.sockets)")
        #expect(listening.tcp == "")
        #expect(try FileManager.default.attributesOfItem(atPath: locked.path)[.posixPermissions] as? Int == 0o700, "the user's folder is not loosened")
        #expect(try home.run(["db", "status"]).exitCode == 0)
        // The home deleted and made again at the same path (a new clone): a cluster of its own, not the old one's data.
        let first = home.cluster.root
        #expect(try home.run(["db", "stop"]).exitCode == 0)
        try FileManager.default.removeItem(at: home.folder)
        let again = Home(folder: locked.appendingPathComponent("var"))
        #expect(again.cluster.root != first)
        defer { try? FileManager.default.removeItem(at: again.cluster.root) }
        let restarted = try again.run(["db", "start"])
        #expect(restarted.exitCode == 0, "\(restarted.output)")
        #expect(try again.run(["db", "stop"]).exitCode == 0)
        try? FileManager.default.removeItem(at: first)
    }

    @Test func aClusterWithoutOurSettingsIsRefused() async throws {
        let home = Home(folder: try TestFiles.folder("foreign"))
        #expect(try home.run(["db", "start"]).exitCode == 0)
        #expect(try home.run(["db", "stop"]).exitCode == 0)
        // What an interrupted setup of an earlier version left: initdb's defaults, no block of ours.
        let conf = home.cluster.dataDirectory.appendingPathComponent("postgresql.conf")
        let text = try String(contentsOf: conf, encoding: .utf8)
        try String(text[..<text.range(of: "\n# plumberleads\n")!.lowerBound]).write(to: conf, atomically: false, encoding: .utf8)
        let refused = try home.run(["db", "start"])
        #expect(refused.exitCode == 69)
        #expect(refused.output.contains("not a cluster this program set up"))
        #expect(try !home.cluster.isRunning())
    }

    @Test("the database stopped mid-stage: run exits 69 at once, naming the stage, and a re-run resumes")
    func databaseStoppedMidStage() async throws {
        let root = try TestFiles.folder("outage")
        let cluster = LocalCluster(root: root.appendingPathComponent("postgres", isDirectory: true), extraSettings: ["fsync = off"])
        try cluster.start()
        defer { try? cluster.stop() }
        let url = cluster.url(database: "plumberleads")
        try await Database.createIfMissing(url, logger: Logger(label: "e2e"))
        let workspace = CLI.Workspace(url: url, home: root.appendingPathComponent("home"))
        #expect(try workspace.run(["plumbers", "import", CLI.roster]).exitCode == 0)
        let pipeline = try SyntheticInbox.pipeline(in: root, date: "2026-11-25", metaLeads: 3000, googleLeads: 1000)

        // The run stops itself once enrich has committed its first chunk; the server goes down while it waits.
        var environment = workspace.environment
        environment["PLUMBERLEADS_FAILPOINT"] = "enrich:chunk-after-commit@1=stop"
        let run = try BackgroundProcess([CLI.executable, "run", pipeline.path, "--date", "2026-11-25"], environment: environment)
        let paused = run.waitUntilStopped(atMost: .seconds(120))
        #expect(paused, "enrich never committed a chunk: \(run.output.suffix(400))")
        let stop = try Subprocess.run([try LocalCluster.tool("pg_ctl"), "-D", cluster.dataDirectory.path, "-m", "immediate", "stop"],
            asUser: geteuid() == 0 ? "postgres" : nil)
        #expect(stop.exitCode == 0, "\(stop.output)")
        run.resume()
        let status = run.wait(atMost: .seconds(30))
        #expect(status == 69, "the run did not end within 30 s of the outage: \(run.output.suffix(400))")
        #expect(run.output.contains("lost the connection to the database during enrich, chunk "), "\(run.output.suffix(400))")

        try cluster.start()
        let resumed = try workspace.run(["run", pipeline.path, "--date", "2026-11-25"])
        #expect(resumed.exitCode == 0, "\(resumed.output.suffix(400))")
        let database = try await Database.connect(url, logger: Logger(label: "e2e"))
        let (raw, leads) = try await database.rows("SELECT (SELECT count(*) FROM raw_leads), (SELECT count(*) FROM leads)")[0].decode((Int, Int).self)
        try await database.close()
        #expect(raw == leads && raw > 0, "every raw lead enriched exactly once after the resume")
    }
}

/// A synthetic day of exports in a folder of its own, with a pipeline file that reads it.
enum SyntheticInbox {
    /// Writes `metaLeads` + `googleLeads` leads for `date` under `root/inbox/DATE` and a copy of the
    /// pipeline and templates folders reading from there; returns the pipeline file.
    static func pipeline(in root: URL, date: String, metaLeads: Int, googleLeads: Int) throws -> URL {
        let pipelines = root.appendingPathComponent("pipelines")
        _ = try Subprocess.run(["/bin/cp", "-r", TestFiles.repositoryRoot.appendingPathComponent("pipelines").path, pipelines.path])
        _ = try Subprocess.run(["/bin/cp", "-r", TestFiles.repositoryRoot.appendingPathComponent("reports").path, root.appendingPathComponent("reports").path])
        let file = pipelines.appendingPathComponent("daily.yml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "inbox: ../fixtures/inbox/{date}", with: "inbox: ../inbox/{date}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let made = try Subprocess.run([
            CLI.executable, "fixtures", "--date", date, "--out", root.appendingPathComponent("inbox/\(date)").path,
            "--meta", "\(metaLeads)", "--google", "\(googleLeads)",
        ], environment: ["PATH": "/usr/bin:/bin"])
        guard made.exitCode == 0 else { throw CLI.Failure(output: made.output) }
        return file
    }
}
