import Ingest
import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import Store

/// `plumberleads demo`: the whole pipeline on the fixtures' two days, on the local database, then what
/// it decided: matches per plumber, why leads went unsold, each plumber's statement and the credits.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the local database, import the fixture roster and run the daily pipeline on the fixtures' days.")

    /// A small day, then the main one: a lead of the second ties two of the first, which one plumber bought.
    static let fixtureDates = ["2026-11-23", "2026-11-24"]

    @Option(help: "The pipeline file.")
    var pipeline = "pipelines/daily.yml"

    @Option(help: "The plumber roster to import.")
    var roster = "fixtures/plumbers.csv"

    func run() async throws {
        let (settings, logger) = try CommandSupport.bootstrap()
        try await CommandSupport.run {
            guard FileManager.default.fileExists(atPath: pipeline) else {
                throw RunError(.usage, "\(pipeline) not found: run the demo from the repository's root folder")
            }
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let (cipher, created) = try settings.cipher(createIfMissing: true)
            if created {
                print("Generated a local PII encryption key at \(settings.keyFile.path) (demo only: set PLUMBERLEADS_PII_KEY in production).")
            }
            let opened = try await CommandSupport.open(settings, logger)
            let database = opened.database
            let url = opened.url
            let roster = try RosterFile.read(URL(fileURLWithPath: self.roster))
            let (inserted, updated) = try await PlumberRepository(database: database, cipher: cipher).upsert(roster.plumbers)
            print("Roster \(self.roster): \(roster.plumbers.count) plumbers (\(inserted) new, \(updated) updated, \(roster.rejected.count) rejected rows).")
            var shown: [(BusinessDate, DaySummary, PipelineRunner.Outcome)] = []
            for text in Self.fixtureDates {
                let date = try BusinessDate(parsing: text)
                let outcome = try await PipelineSession(settings: settings, logger: logger).run(
                    definition: definition, date: date, rerun: nil, database: database, cipher: cipher)
                shown.append((date, try await DaySummary.load(date: date, database: database), outcome))
            }
            let books = try await DemoBooks.load(database: database, statementsFolder: settings.reports.appendingPathComponent("statements"))
            try? await database.close()
            for (date, summary, outcome) in shown { print(Self.render(summary, date: date, outcome: outcome, settings: settings)) }
            print(books.text)
            print("\n  database         psql \"\(url.connectionString)\"")
        }
    }

    static func render(_ s: DaySummary, date: BusinessDate, outcome: PipelineRunner.Outcome, settings: Settings) -> String {
        let ran = outcome.executed.isEmpty ? "nothing to do: every stage was already done" : outcome.executed.map(\.rawValue).joined(separator: " → ")
        return """

            PlumberLeads demo · business day \(date)
              stages run       \(ran)
              files ingested   \(s.files) (\(s.rowsRead) rows read)\(s.failedFiles.isEmpty ? "" : ", \(s.failedFiles.count) unreadable")
              leads in         \(s.leadsIn)
              rejected rows    \(s.rejectedRows) (malformed; kept with file, line and reason)
              repeated         \(s.repeatedRows) (same lead id seen in another file)
              invalid leads    \(s.invalid)
              duplicates       \(s.duplicates)
              unique leads     \(s.unique)
              matched          \(s.matched)
              unsold           \(s.unsold)
              billed           \(s.charges) charges, \(Money(cents: s.billedCents)) (ledger only: no money moved)
              digests written  \(s.emailsSent) emails in \(settings.outbox.appendingPathComponent("emails").path)
              urgent SMS       \(s.smsSent) in \(settings.outbox.appendingPathComponent("sms.jsonl").path)
              report           \(settings.reports.appendingPathComponent("\(date)/campaigns.html").path)
            """
    }
}
