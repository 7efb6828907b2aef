import Enrich
import Foundation
import Ingest
import LeadModel
import Logging
import Store
import Pipeline
import Synthetic

/// `plumberleads bench`: a synthetic day of N Meta leads through ingest (→ enrich → dedup → match) on a
/// fresh database, against a plain `COPY` of the same rows into a plain table on the same server. The
/// people are drawn from a national population (every standard ZIP, every US area code in service, 1,000 family names),
/// as a business with that many leads a day would see, and match sells them to a national synthetic roster.
public struct Benchmark: Sendable {
    /// One measured step.
    public struct Measurement: Sendable {
        public var name: String
        public var rows: Int64
        public var seconds: Double
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    }

    public struct Result: Sendable {
        public var generation: Measurement
        public var plainCopy: Measurement
        public var stages: [Measurement]
        public var peakRSSBytes: Int
        /// Ingest time over plain COPY time.
        public var ingestRatio: Double {
            guard let ingest = stages.first(where: { $0.name == "ingest" }), plainCopy.seconds > 0 else { return 0 }
            return ingest.seconds / plainCopy.seconds
        }
    }

    public var leads: Int
    /// The synthetic roster's size: plumbers based all over the country, each with a radius, services, caps,
    /// budgets and a plan (`SyntheticRoster`).
    public var plumbers: Int
    public var chunkSize: Int
    /// The stages to run: ingest, then any of enrich, dedup and match.
    public var stages: [StageName]
    public var definition: PipelineDefinition
    public var settings: Settings
    public var logger: Logger

    public init(
        leads: Int, plumbers: Int, chunkSize: Int, stages: [StageName], definition: PipelineDefinition, settings: Settings, logger: Logger
    ) {
        self.leads = leads
        self.plumbers = plumbers
        self.chunkSize = chunkSize
        self.stages = stages
        self.definition = definition
        self.settings = settings
        self.logger = logger
    }

    /// Runs the bench on a fresh database, under a throw-away PII key.
    public func run() async throws -> Result {
        let cipher = try PIICipher(base64Key: PIICipher.generateKey())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-bench-\(UUID().uuidString)")
        let inbox = folder.appendingPathComponent("inbox", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = try BusinessDate(parsing: "2026-11-24")

        let export = inbox.appendingPathComponent("meta-leads-bench.csv")
        var started = ContinuousClock.now
        let places = ZIPDirectory.shipped.standardZIPs.map { ($0.zip, $0.city, $0.state) }
        try SyntheticDay(date: date, metaLeads: leads, googleLeads: 0, seed: 7, population: .national(places: places, areaCodes: Self.usAreaCodes)).writeMetaLeads(to: export)
        let generation = Measurement(name: "generate", rows: Int64(leads), seconds: Self.seconds(since: started))

        let (serverURL, _) = try await settings.database.resolve(logger: logger)
        let url = serverURL.with(database: "plumberleads_bench")
        try await PlainCopy.recreateDatabase(url, logger: logger)
        let database = try await Database.connect(url, logger: logger)
        do {
            try await Migrator.migrate(database)
            _ = try await PlumberRepository(database: database, cipher: cipher)
                .upsert(SyntheticRoster(count: plumbers).plumbers(baseZIPs: places.map(\.0)))
            started = ContinuousClock.now
            let copied = try await Self.plainCopy(of: export, into: database)
            let plain = Measurement(name: "plain COPY", rows: copied, seconds: Self.seconds(since: started))

            var benchDefinition = definition
            benchDefinition.inbox = inbox.path
            benchDefinition.stages = stages
            benchDefinition.chunkSize = chunkSize
            let services = try await PipelineServices.local(settings: settings, definition: benchDefinition, cipher: cipher, logger: logger)
            _ = try await PipelineRunner(
                definition: benchDefinition, database: database, services: services, failpoints: .none, logger: logger,
                progress: Progress()
            ).run(date: date)
            let stages = try await RunLedger(database: database).history(limit: 1).first?.stages.map {
                Measurement(name: $0.stage, rows: $0.rowsIn, seconds: Double($0.elapsedMilliseconds) / 1000)
            } ?? []
            try await database.close()
            return Result(generation: generation, plainCopy: plain, stages: stages, peakRSSBytes: Self.peakRSS())
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// The US area codes in service, where the synthetic people's phones are.
    static let usAreaCodes = NANPDirectory.shipped.all.filter { $0.country == "US" && $0.isGeographic }.map(\.code)

    /// The export's rows without its header, streamed in 1 MiB chunks into `PlainCopy`.
    static func plainCopy(of export: URL, into database: Database) async throws -> Int64 {
        var source = try ByteSource(url: export)
        let header = String(decoding: (try source.next() ?? []).prefix { $0 != 0x0A }, as: UTF8.self)
        source = try ByteSource(url: export)
        var skippedHeader = false
        return try await PlainCopy.load(columns: header.split(separator: "\t").count, into: database) {
            guard var chunk = try source.next() else { return nil }
            if !skippedHeader, let newline = chunk.firstIndex(of: 0x0A) {
                chunk.removeFirst(newline + 1)
                skippedHeader = true
            }
            return chunk
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Peak resident set size of this process (getrusage), in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
