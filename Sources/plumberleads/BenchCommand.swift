import ArgumentParser
import Bench
import Foundation
import LeadModel
import Pipeline
import Reports

/// `plumberleads bench --leads N`: rows/s per stage, peak memory, and ingest against plain COPY.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Generate a synthetic day of N Meta leads, run ingest → enrich → dedup → match on a fresh database, and compare ingest with a plain copy.",
        discussion: "Build with -c release for meaningful figures. Uses the database server in use (the local cluster by default) and a database named plumberleads_bench, recreated each time.")

    @Option(help: "How many leads to generate.")
    var leads = 100_000

    @Option(help: "How many synthetic plumbers match sells to (default: one per 250 leads, at least 20).")
    var plumbers: Int?

    @Option(help: "Rows per committed chunk in enrich, dedup and match.")
    var chunkSize = 5_000

    @Option(help: "The stages to run after ingest, comma-separated (none: ingest only).")
    var after = "enrich,dedup,match"

    @Option(help: "The pipeline file whose prices and windows to use.")
    var pipeline = "pipelines/daily.yml"

    func validate() throws {
        guard leads > 0 else { throw ValidationError("--leads must be positive") }
        if let plumbers, plumbers < 1 { throw ValidationError("--plumbers must be positive") }
        _ = try laterStages()
    }

    private func laterStages() throws -> [StageName] {
        try after.split(separator: ",").map { name in
            guard let stage = StageName(rawValue: String(name)), [.enrich, .dedup, .match].contains(stage) else {
                throw ValidationError("--after takes enrich, dedup and match, not \(name)")
            }
            return stage
        }
    }

    func run() async throws {
        try await CommandSupport.run { command in
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let roster = plumbers ?? max(20, leads / 250)
            let result = try await Benchmark(
                leads: leads, plumbers: roster, chunkSize: chunkSize, stages: [.ingest] + laterStages(), definition: definition, settings: command.settings,
                logger: command.logger
            ).run()
            print("\(leads) leads, \(roster) plumbers")
            var rows = [["STEP", "ROWS", "SECONDS", "ROWS/S"]]
            for m in [result.generation, result.plainCopy] + result.stages {
                rows.append([m.name, String(m.rows), String(format: "%.2f", m.seconds), String(format: "%.0f", m.rowsPerSecond)])
            }
            print(TextTable.render(rows))
            print(String(format: "ingest / plain copy: %.2f×", result.ingestRatio))
            print(String(format: "peak RSS: %.1f MB", Double(result.peakRSSBytes) / 1_048_576))
        }
    }
}
