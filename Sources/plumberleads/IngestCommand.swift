import ArgumentParser
import Foundation
import Ingest
import LeadModel
import Pipeline

/// `plumberleads ingest FILE…`: loads exports directly, outside a pipeline run; `--dry-run` only reads them.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load export files into a business day (or, with --dry-run, say what would be loaded and rejected).",
        discussion: "Exits 65 when a file cannot be read at all; rejected rows are normal and are listed.")

    @Argument(help: "Export files (Meta lead TSV/CSV, Google lead JSON, Google Ads or Meta spend reports).")
    var files: [String]

    @Option(help: "The business date the leads belong to, YYYY-MM-DD (required unless --dry-run).")
    var date: String?

    @Option(help: "The pipeline whose run the files join.")
    var pipeline = "pipelines/daily.yml"

    @Flag(help: "Read and check the files; write nothing.")
    var dryRun = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
        if !dryRun {
            guard let date, (try? BusinessDate(parsing: date)) != nil else {
                throw ValidationError("--date YYYY-MM-DD is required to load files (or use --dry-run)")
            }
        }
    }

    func run() async throws {
        try await CommandSupport.run { command in
            if dryRun {
                var unreadable = 0
                for file in files {
                    do {
                        let result = try DryRun.read(URL(fileURLWithPath: file), options: ReaderOptions(googleKey: command.settings.googleKey))
                        print("\(file): \(result.format.rawValue): \(result.rowsRead) rows read = \(result.leads) leads (\(result.testLeads) test) + \(result.spendRows) spend rows + \(result.rejected.count) rejected")
                        for row in result.rejected.prefix(20) { print("  line \(row.line): \(row.reason)") }
                        if result.rejected.count > 20 { print("  … \(result.rejected.count - 20) more") }
                    } catch let error as IngestError {
                        unreadable += 1
                        CommandSupport.printError("\(file): \(error.code.rawValue): \(error.detail)")
                    }
                }
                if unreadable > 0 { throw ExitCode(65) }
                return
            }
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let day = try BusinessDate(parsing: date!)
            let (outcomes, runAlreadyDone) = try await command.withSession {
                try await $0.ingest(files.map { URL(fileURLWithPath: $0) }, definition: definition, date: day)
            }
            var unreadable = 0
            for outcome in outcomes {
                switch outcome.status {
                case .loaded(let format):
                    print("\(outcome.file): \(format.rawValue): \(outcome.rowsRead) rows read = \(outcome.leads) leads + \(outcome.spendRows) spend rows + \(outcome.rejected) rejected + \(outcome.repeated) already known")
                    for replaced in outcome.replacedSpend { print("  replaces spend: \(replaced)") }
                case .alreadyIngested:
                    print("\(outcome.file): already ingested (same SHA-256), skipped")
                case .failed(let error):
                    unreadable += 1
                    CommandSupport.printError("\(outcome.file): not loaded: \(error)")
                }
            }
            if runAlreadyDone, outcomes.contains(where: { $0.leads > 0 }) {
                print("the run for \(date!) had already finished: `plumberleads run \(pipeline) --date \(date!) --rerun enrich` processes the new leads")
            }
            if unreadable > 0 { throw ExitCode(65) }
        }
    }
}
