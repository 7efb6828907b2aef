import Pipeline
import LeadModel
import ArgumentParser
import Foundation
import Reports

/// `plumberleads runs`: run history with per-stage counts and timings.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "Show pipeline runs and their stages.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "How many runs to show.")
    var limit = 20

    func run() async throws {
        try await CommandSupport.run { command in
            let runs = try await command.withSession(keys: .notNeeded) { try await $0.history(limit: limit) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(runs), as: UTF8.self))
                return
            }
            if runs.isEmpty { print("no runs yet"); return }
            var table = [["RUN", "PIPELINE", "DATE", "STATUS", "TRIES", "STAGE", "STAGE STATUS", "CHUNKS", "IN", "OUT", "REJECTED", "MS"]]
            for run in runs {
                for (index, stage) in run.stages.enumerated() {
                    let lead = index == 0 ? [String(run.id), run.pipeline, run.date, run.status, String(run.attempts)] : ["", "", "", "", ""]
                    table.append(lead + [
                        stage.stage, stage.status, String(stage.chunks), String(stage.rowsIn), String(stage.rowsOut),
                        String(stage.rowsRejected), String(stage.elapsedMilliseconds),
                    ])
                }
                if let error = run.lastError { table.append(["", "", "", "error:", error]) }
            }
            print(TextTable.render(table))
        }
    }
}
