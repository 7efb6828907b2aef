import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import ReportServer
import Reports

/// `plumberleads demo`: the whole pipeline on the fixtures' two days, on the local database, then what
/// it decided: matches per plumber, why leads went unsold, each plumber's statement and the credits.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the local database, import the fixture roster and run the daily pipeline on the fixtures' days.")

    /// A small day, then the main one: a lead of the second ties two of the first, which one plumber bought.
    static let fixtureDates = ["2026-11-23", "2026-11-24"]

    /// The demo's report-server accounts: an admin, and PL-0001's owner (passwords for this machine only).
    static let demoAccounts: [(email: String, password: String, role: UserRole, plumber: String?)] = [
        ("admin@plumberleads.example", "demo admin password", .admin, nil),
        ("owner@pl-0001.example", "demo plumber password", .plumber, "PL-0001"),
    ]

    /// The plumber who taps "Unsubscribe" in their first digest: the second day sends them none.
    static let unsubscribing = "PL-0005"

    @Option(help: "The pipeline file.")
    var pipeline = "pipelines/daily.yml"

    @Option(help: "The plumber roster to import.")
    var roster = "fixtures/plumbers.csv"

    func run() async throws {
        try await CommandSupport.run { command in
            guard FileManager.default.fileExists(atPath: pipeline) else {
                throw RunError(.usage, "\(pipeline) not found: run the demo from the repository's root folder")
            }
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let roster = try RosterFile.read(URL(fileURLWithPath: self.roster))
            let settings = command.settings
            let statements = settings.reports.appendingPathComponent("statements")
            let (shown, books, connection) = try await command.withSession(keys: .createIfMissing) { session in
                if session.createdKeys {
                    print("Generated a local PII encryption key at \(session.keyFile.path) (demo only: set PLUMBERLEADS_PII_KEY in production).")
                }
                let (inserted, updated, _) = try await session.importRoster(roster.plumbers, consents: roster.consents)
                print("Roster \(self.roster): \(roster.plumbers.count) plumbers (\(inserted) new, \(updated) updated, \(roster.rejected.count) rejected rows).")
                var shown: [Day] = []
                for text in Self.fixtureDates {
                    let date = try BusinessDate(parsing: text)
                    let outcome = try await session.run(definition, date: date, asOf: settings.now ?? Self.evening(of: date, in: definition.timeZone))
                    shown.append(Day(date: date, summary: try await session.summary(of: date), outcome: outcome))
                    if text == Self.fixtureDates[0] { _ = try await session.setDigestsUnsubscribed(Self.unsubscribing, true) }
                }
                let (url, cipher) = (session.databaseURL, try session.piiCipher)
                try await Accounts.withPool(url: url, logger: command.logger) { pool in
                    let accounts = Accounts(pool: pool, cipher: cipher)
                    for account in Self.demoAccounts {
                        try? await accounts.add(email: account.email, role: account.role, plumber: account.plumber)
                        try await accounts.setPassword(email: account.email, password: account.password)
                    }
                }
                return (shown, try await session.demoBooks(statementsFolder: statements), session.connectionString)
            }
            for day in shown { print(Self.render(day.summary, date: day.date, outcome: day.outcome, settings: settings)) }
            print(books.text(statementsFolder: statements))
            print("\n  database         psql \"\(connection)\"")
            print("  report server    swift run plumberleads serve, then http://127.0.0.1:8080")
            for account in Self.demoAccounts {
                print("                   \(account.role.rawValue == "admin" ? "admin  " : "plumber") \(account.email) / \(account.password)\(account.plumber.map { " (\($0))" } ?? "")")
            }
        }
    }

    /// The demo replays each fixture day as of 18:30 that evening, so texting hours decide the same way
    /// whenever it runs.
    static func evening(of date: BusinessDate, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = ISO8601DateFormatter().date(from: "\(date)T12:00:00Z")!
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: 18, minute: 30))!
    }

    /// `, PL-0005 skipped (unsubscribed)` for the plumbers who were charged but get no digest.
    static func skipped(_ plumbers: [String]) -> String {
        plumbers.isEmpty ? "" : ", \(plumbers.joined(separator: ", ")) skipped (unsubscribed; the leads stay theirs)"
    }

    /// One demo day's run and figures.
    struct Day: Sendable {
        var date: BusinessDate
        var summary: DaySummary
        var outcome: PipelineRunner.Outcome
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
              billed           \(s.charges) charges, \(Money(cents: s.billedCents)) (\(settings.stripeSecretKey == nil ? "ledger only: no money moved" : "through Stripe"))
              digests written  \(s.emailsSent) emails in \(settings.outbox.appendingPathComponent("emails").path)\(Self.skipped(s.unsubscribedSkipped))
              urgent SMS       \(s.smsSent) in \(settings.outbox.appendingPathComponent("sms.jsonl").path)\(s.smsWithheld == 0 ? "" : ", \(s.smsWithheld) withheld outside texting hours")\(s.smsWithoutConsent == 0 ? "" : ", \(s.smsWithoutConsent) not texted (no consent)")
              admin summary    \(s.adminSummaries) email(s) in \(settings.outbox.appendingPathComponent("emails").path)
              report           \(settings.reports.appendingPathComponent("\(date)/campaigns.html").path)
            """
    }
}
