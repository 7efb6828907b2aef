import PostgresNIO
@testable import Billing
import Foundation
import LeadModel
import Logging
import Notify
@testable import Pipeline
import Reports
import Store
import TestSupport

/// A pipeline wired to a fresh database and temporary folders, with the ledger-only provider and the
/// file outbox, over the repository's fixtures (or a given inbox).
struct PipelineHarness {
    static let date = try! BusinessDate(parsing: "2026-11-24")
    let database: Database
    var definition: PipelineDefinition
    var services: PipelineServices
    let home: URL

    static func make(
        database: Database, inbox: URL? = nil, chunkSize: Int? = nil, payments: (any PaymentProvider)? = nil,
        clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 0) }
    ) async throws -> PipelineHarness {
        var definition = try PipelineDefinition.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/daily.yml"))
        if let inbox { definition.inbox = inbox.path }
        if let chunkSize { definition.chunkSize = chunkSize }
        let home = try TestFiles.folder("home")
        let cipher = try PIICipher(base64Key: Data(repeating: 7, count: 32).base64EncodedString())
        let templates = TestFiles.repositoryRoot.appendingPathComponent("reports")
        let services = PipelineServices(
            cipher: cipher, payments: payments ?? LedgerOnlyProvider(journal: home.appendingPathComponent("ledger/payments.jsonl")),
            email: FileOutbox(root: home.appendingPathComponent("outbox"), clock: { Date(timeIntervalSince1970: 0) }),
            sms: FileOutbox(root: home.appendingPathComponent("outbox"), clock: { Date(timeIntervalSince1970: 0) }),
            messages: try await MessageTemplates(directory: templates, sender: definition.sender),
            reports: try await ReportRenderer(directory: templates), reportsFolder: home.appendingPathComponent("reports"),
            clock: clock)
        let roster = try RosterFile.read(TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv"))
        _ = try await PlumberRepository(database: database, cipher: cipher).upsert(roster.plumbers)
        _ = try await database.transaction { try await ConsentRepository($0).recordRoster(roster.consents) }
        return PipelineHarness(database: database, definition: definition, services: services, home: home)
    }

    func run(date: BusinessDate = Self.date, rerun: StageName? = nil) async throws -> PipelineRunner.Outcome {
        try await PipelineRunner(
            definition: definition, database: database, services: services, failpoints: .none,
            logger: Logger(label: "test"), progress: Progress(enabled: false)
        ).run(date: date, rerun: rerun)
    }

    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await database.rows(.init(unsafeSQL: "SELECT count(*)::int FROM \(table) WHERE \(condition)"))[0].decode(Int.self)
    }

    /// Row counts of every business table.
    func tableCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["source_files", "raw_leads", "raw_lead_sightings", "rejected_rows", "leads", "lead_keys", "lead_dedup", "campaign_spend", "plumbers", "assignments", "charges", "notifications"] {
            counts[table] = try await count(table)
        }
        return counts
    }
}
