import Billing
import Enrich
import Foundation
import Ingest
import LeadModel
import Logging
import Notify
import Reports
import Store

/// What a command works with, set up once: the settings, a logger, the open and migrated database, and
/// the PII cipher. Every operation the command line offers goes through here, so the command line
/// needs neither Store nor PostgreSQL.
public struct PipelineSession: Sendable {
    /// Whether the command needs the PII keys, and may create them (the demo).
    public enum Keys: Sendable {
        case notNeeded, required, createIfMissing
    }

    public let settings: Settings
    public let logger: Logger
    let opened: OpenedDatabase
    let cipherOrNil: PIICipher?
    /// Whether this session wrote new local keys (the demo's first run).
    public let createdKeys: Bool
    /// The local PII key's file.
    public var keyFile: URL { settings.keys.keyFile }

    var database: Database { opened.database }

    /// The `psql` connection string of the database in use.
    public var connectionString: String { opened.url.connectionString }
    /// The database in use (the report server opens its own pool to it).
    public var databaseURL: DatabaseURL { opened.url }
    /// The PII cipher (the report server decrypts with it).
    public var piiCipher: PIICipher { get throws { try cipher } }
    /// Migrations applied when the session opened.
    public var appliedMigrations: [String] { opened.appliedMigrations }

    /// Loads the keys, then opens (starting the local cluster if needed) and migrates the database.
    /// `onLost` is called, on an I/O thread, if the server goes away while the session is open.
    public static func open(
        settings: Settings, logger: Logger, keys: Keys, createDatabase: Bool = false, onLost: @escaping @Sendable () -> Void
    ) async throws -> PipelineSession {
        var cipher: PIICipher?, created = false
        if keys != .notNeeded { (cipher, created) = try settings.keys.cipher(createIfMissing: keys == .createIfMissing) }
        let failpoints = try Failpoints(spec: settings.failpoints)
        let opened = try await settings.database.open(logger: logger, createDatabase: createDatabase, failpoint: { failpoints.reachSetup($0) })
        opened.database.whenLost(onLost)
        return PipelineSession(settings: settings, logger: logger, opened: opened, cipherOrNil: cipher, createdKeys: created)
    }

    /// Closes the database connection.
    public func close() async {
        try? await database.close()
    }

    var cipher: PIICipher {
        get throws {
            guard let cipherOrNil else { throw StoreError(.missingKey, "this operation needs the PII key, and the session was opened without it") }
            return cipherOrNil
        }
    }

    // MARK: Runs

    /// The runner of `definition` with the local services and the failpoints of the environment.
    func runner(_ definition: PipelineDefinition, asOf: Date? = nil) async throws -> PipelineRunner {
        let services = try await PipelineServices.local(settings: settings, definition: definition, cipher: try cipher, logger: logger, asOf: asOf)
        return PipelineRunner(
            definition: definition, database: database, services: services, failpoints: try Failpoints(spec: settings.failpoints),
            logger: logger, progress: Progress())
    }

    /// Runs (or resumes) `definition` for `date`; with `rerun`, redoes that stage and every one after it.
    /// `asOf` runs it as if it were then (texting hours, charge attempts).
    public func run(_ definition: PipelineDefinition, date: BusinessDate, rerun: StageName? = nil, asOf: Date? = nil) async throws -> PipelineRunner.Outcome {
        try await runner(definition, asOf: asOf).run(date: date, rerun: rerun)
    }

    /// Ingests `files` into `date`'s partition outside a full run.
    public func ingest(_ files: [URL], definition: PipelineDefinition, date: BusinessDate) async throws -> (outcomes: [FileOutcome], runAlreadyDone: Bool) {
        try await runner(definition).ingest(files: files, date: date)
    }

    /// Runs, newest first, with their stages.
    public func history(limit: Int) async throws -> [RunRecord] {
        try await RunLedger(database: database).history(limit: limit)
    }

    /// The headline figures of `date`.
    public func summary(of date: BusinessDate) async throws -> DaySummary {
        try await DaySummaries(database.session).load(date: date)
    }

    // MARK: Roster

    /// Adds or updates `plumbers` and records the SMS consents their rows give; returns the counts and
    /// the imported plumbers whose status ops set and the roster did not change.
    public func importRoster(_ plumbers: [Plumber], consents: [String: SMSConsent] = [:]) async throws -> (inserted: Int, updated: Int, held: [RosterEntry]) {
        let repository = PlumberRepository(database: database, cipher: try cipher)
        let (inserted, updated) = try await repository.upsert(plumbers)
        _ = try await database.transaction { try await ConsentRepository($0).recordRoster(consents) }
        let imported = Set(plumbers.map(\.externalID))
        let held = try await repository.all().filter { imported.contains($0.plumber.externalID) && $0.plumber.active != $0.rosterActive }
        return (inserted, updated, held)
    }

    /// The whole roster.
    public func roster() async throws -> [RosterEntry] {
        try await PlumberRepository(database: database, cipher: try cipher).all()
    }

    /// Pauses or resumes a plumber; false when no plumber has that roster id.
    public func setActive(_ plumber: String, _ active: Bool) async throws -> Bool {
        try await PlumberRepository(database: database, cipher: try cipher).setActive(plumber, active)
    }

    /// Stops (or restarts) a plumber's digests, on their word; false when no plumber has that roster id.
    public func setDigestsUnsubscribed(_ plumber: String, _ unsubscribed: Bool) async throws -> Bool {
        try await PlumberRepository(database: database, cipher: try cipher).setDigestsUnsubscribed(plumber, unsubscribed)
    }

    // MARK: Read models

    /// A lead's trace, by our id or the platform's; nil when there is no such lead.
    public func trace(_ reference: String) async throws -> LeadTrace? {
        try await LeadTraces(database.session).load(reference)
    }

    /// A plumber's statement; nil when no plumber has that roster id.
    public func statement(of plumber: String) async throws -> LedgerStatement? {
        try await LedgerStatements(database.session).load(plumber: plumber)
    }

    /// The demo's books over every day, with each plumber's statement written to `statementsFolder/PL-….txt`.
    public func demoBooks(statementsFolder: URL) async throws -> DemoBooks {
        let books = try await DemoBooksQuery(database.session).load()
        try FileManager.default.createDirectory(at: statementsFolder, withIntermediateDirectories: true)
        for plumber in books.plumbers {
            let statement = plumber.statement
            try "\(statement.plumber) \(statement.business)\n\(statement.text)\n".write(
                to: statementsFolder.appendingPathComponent("\(plumber.id).txt"), atomically: true, encoding: .utf8)
        }
        return books
    }

    // MARK: Messages

    /// Messages whose send may or may not have happened, oldest first.
    public func maybeSent() async throws -> [MaybeSentMessage] {
        try await OutboxRepository(database.session).maybeSent()
    }

    /// Ops' decision on a maybe-sent message: it arrived, or it is sent again by the day's next notify
    /// run. Returns the message's day; nil when no maybe-sent message has that id.
    public func resolveMaybeSent(_ id: Int64, arrived: Bool) async throws -> String? {
        try await OutboxRepository(database.session).resolveMaybeSent(id, as: arrived ? .sent : .pending)
    }

    /// What importing a CSV of replies did.
    public struct RepliesImported: Sendable {
        public var applied: Int
        /// Replies that were no keyword, from no plumber's mobile, or applied before.
        public var ignored: Int
        public var rejected: [RejectedRow]
    }

    /// Applies STOP and START replies from a CSV (`from, body, received_at`, optional `reference`): the way
    /// in for replies a provider does not list (a Messaging Service, a carrier's report).
    public func importReplies(_ file: URL) async throws -> RepliesImported {
        var csv = try HeaderedCSV(url: file, required: ["from", "body", "received_at"], allowed: ["reference"])
        let mobiles = Dictionary(try await roster().map { ($0.plumber.mobile, $0.id) }, uniquingKeysWith: { first, _ in first })
        var outcome = RepliesImported(applied: 0, ignored: 0, rejected: [])
        while let row = try csv.next() {
            guard let fields = row.fields else { outcome.rejected.append(row.rejected(row.problem ?? "unreadable")); continue }
            guard let at = RosterFile.instant(fields["received_at"] ?? "") else {
                outcome.rejected.append(row.rejected("received_at must be an ISO 8601 date-time"))
                continue
            }
            let from: String
            switch PhoneNormalizer.normalize(fields["from"] ?? "") {
            case .valid(let e164, _): from = e164
            case .invalid(let reason): outcome.rejected.append(row.rejected("from: \(reason)")); continue
            }
            guard let keyword = ReplyKeyword.classify(fields["body"] ?? ""), let plumber = mobiles[from] else { outcome.ignored += 1; continue }
            let reference = fields["reference"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(file.lastPathComponent):\(row.line)"
            let applied = try await database.transaction {
                try await ConsentRepository($0).applyReply(reference: reference, plumber: plumber, keyword: keyword, at: at)
            }
            if applied { outcome.applied += 1 } else { outcome.ignored += 1 }
        }
        return outcome
    }

    // MARK: Credits

    /// Judges the return requests in `file` by `rules` as of `today`.
    public func importReturnRequests(_ file: URL, rules: ReturnRules, today: BusinessDate) async throws -> ReturnRequests.Outcome {
        try await ReturnRequests.importFile(file, rules: rules, today: today, database: database, cipher: try cipher)
    }

    /// Refunds or cancels every pending credit through the provider `definition`'s settings choose; returns how many.
    public func settleCredits(_ definition: PipelineDefinition) async throws -> Int {
        let services = try await PipelineServices.local(settings: settings, definition: definition, cipher: try cipher, logger: logger)
        return try await CreditLedger.settlePending(provider: services.payments, database: database, logger: logger)
    }

}
