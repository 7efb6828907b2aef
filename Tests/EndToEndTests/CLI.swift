import Foundation
import Logging
import PostgresNIO
import Store
import TestSupport
import Testing

/// Drives the built `plumberleads` executable against a fresh database and home folder.
enum CLI {
    struct Failure: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }

    static let pipeline = TestFiles.repositoryRoot.appendingPathComponent("pipelines/daily.yml").path
    static let roster = TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv").path
    static let key = Data(repeating: 42, count: 32).base64EncodedString()

    /// The `plumberleads` binary built beside this test bundle.
    static let executable: String = {
        let beside = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("plumberleads")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return TestFiles.repositoryRoot.appendingPathComponent(".build/debug/plumberleads").path
    }()

    static func failpointNames() -> [String] {
        (try? Subprocess.run([executable, "failpoints"], environment: [:]))?.output.split(separator: "\n").map(String.init) ?? []
    }

    /// A fresh database and home folder with the fixture roster imported.
    struct Workspace {
        var url: DatabaseURL
        var home: URL

        static func make() async throws -> Workspace {
            let workspace = Workspace(url: try await TestDatabase.shared.freshURL(), home: try TestFiles.folder("home"))
            let imported = try workspace.run(["plumbers", "import", CLI.roster])
            guard imported.exitCode == 0 else { throw Failure(output: imported.output) }
            return workspace
        }

        var environment: [String: String] {
            [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "PLUMBERLEADS_DATABASE_URL": url.connectionString,
                "PLUMBERLEADS_HOME": home.path,
                "PLUMBERLEADS_PII_KEY": CLI.key,
                // Runs judge texting hours at a fixed evening, so a test passing 21:00 decides as it began.
                "PLUMBERLEADS_NOW": "2026-11-24T18:30:00-06:00",
                "SWIFT_BACKTRACE": "enable=no",
            ]
        }

        func run(_ arguments: [String], failpoint: String? = nil, extra: [String: String] = [:]) throws -> Subprocess.Result {
            var environment = environment.merging(extra) { $1 }
            environment["PLUMBERLEADS_FAILPOINT"] = failpoint
            return try Subprocess.run([CLI.executable] + arguments, environment: environment)
        }

        /// What the run decided and did, independent of surrogate ids and timestamps.
        func fingerprint() async throws -> Fingerprint {
            let database = try await Database.connect(url, logger: Logger(label: "e2e"))
            defer { Task { try? await database.close() } }
            func lines(_ query: PostgresQuery) async throws -> [String] {
                try await database.rows(query).map { try $0.decode(String.self) }
            }
            let leads = try await lines("""
                SELECT r.platform || ':' || r.platform_lead_id || ' ' || l.valid || ' ' || COALESCE(dd.status, CASE WHEN l.valid THEN 'unique' END, '-') || ' '
                       || COALESCE(dr.platform_lead_id, '-') || ' ' || COALESCE(ms.status, '-') || ' ' || COALESCE(sold.plumbers, '-')
                FROM raw_leads r LEFT JOIN leads l ON l.raw_lead_id = r.id LEFT JOIN lead_dedup dd ON dd.lead_id = l.id
                LEFT JOIN lead_match_status ms ON ms.lead_id = l.id
                LEFT JOIN leads d ON d.id = dd.duplicate_of LEFT JOIN raw_leads dr ON dr.id = d.raw_lead_id
                LEFT JOIN LATERAL (
                    SELECT string_agg(p.external_id || ' ' || a.status || ' ' || a.price_cents || ' ' || COALESCE(c.status, '-') || ' '
                                      || COALESCE(c.amount_cents::text, '-'), ', ' ORDER BY p.external_id) AS plumbers
                    FROM assignments a JOIN plumbers p ON p.id = a.plumber_id LEFT JOIN charges c ON c.assignment_id = a.id
                    WHERE a.lead_id = l.id) sold ON true
                ORDER BY 1
                """)
            let files = try await lines("""
                SELECT name || ' ' || status || ' ' || rows_read || '=' || rows_loaded || '+' || rows_rejected || '+' || rows_repeated
                FROM source_files ORDER BY name
                """)
            let rejected = try await lines("SELECT f.name || ':' || r.line_no || ' ' || r.reason FROM rejected_rows r JOIN source_files f ON f.id = r.source_file_id ORDER BY 1")
            let notifications = try await lines("""
                SELECT p.external_id || ' ' || n.channel || ' ' || n.status || ' ' || COALESCE(r.platform_lead_id, '-')
                FROM notifications n JOIN plumbers p ON p.id = n.plumber_id
                LEFT JOIN assignments a ON a.id = n.assignment_id LEFT JOIN leads l ON l.id = a.lead_id
                LEFT JOIN raw_leads r ON r.id = l.raw_lead_id ORDER BY 1
                """)
            let chargeKeys = Set(try await lines("SELECT idempotency_key FROM charges WHERE method <> 'included'"))
            let journal = try String(contentsOf: home.appendingPathComponent("ledger/payments.jsonl"), encoding: .utf8)
                .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .filter { ($0["kind"] as? String ?? "charge") != "refund" }.compactMap { $0["key"] as? String }
            let smsKeys = try String(contentsOf: home.appendingPathComponent("outbox/sms.jsonl"), encoding: .utf8)
                .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["key"] as? String }
            let smsRows = Set(try await lines("SELECT idempotency_key FROM notifications WHERE channel = 'sms' AND status = 'sent'"))
            let emails = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("outbox/emails").path).sorted()
            let report = try String(contentsOf: home.appendingPathComponent("reports/2026-11-24/campaigns.csv"), encoding: .utf8)
            let violations = try await lines(PostgresQuery(unsafeSQL: RosterLimits.violations))
            return Fingerprint(
                limitViolations: violations, leads: leads, files: files, rejected: rejected, notifications: notifications,
                journalMatchesCharges: journal.count == chargeKeys.count && Set(journal) == chargeKeys,
                smsOncePerRow: smsKeys.count == smsRows.count && Set(smsKeys) == smsRows,
                emailCount: emails.count, report: report)
        }
    }
}

/// The observable outcome of a day's run.
struct Fingerprint: Equatable, Sendable {
    /// Caps, budgets, pauses or charges broken (`RosterLimits`); empty when every one holds.
    var limitViolations: [String]
    var leads: [String]
    var files: [String]
    var rejected: [String]
    var notifications: [String]
    /// Every charge went to the provider exactly once (the ledger journal has each key once).
    var journalMatchesCharges: Bool
    /// Every SMS row was written to the outbox exactly once.
    var smsOncePerRow: Bool
    var emailCount: Int
    var report: String
}
