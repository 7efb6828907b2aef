import ArgumentParser
import Foundation
import LeadModel
import Pipeline

/// `plumberleads run PIPELINE --date D`: runs or resumes one partition.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run (or resume) a pipeline for one business date.")

    @Argument(help: "The pipeline file, e.g. pipelines/daily.yml.")
    var pipeline: String

    @Option(help: "The business date, YYYY-MM-DD.")
    var date: String

    @Option(help: "Redo this stage and every stage after it (ingest, enrich, dedup, match, bill, notify, report).")
    var rerun: String?

    func validate() throws {
        guard (try? BusinessDate(parsing: date)) != nil else { throw ValidationError("--date must be a calendar date in YYYY-MM-DD form") }
        if let rerun, StageName(rawValue: rerun) == nil {
            throw ValidationError("--rerun must be one of \(StageName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await CommandSupport.run { command in
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let day = try BusinessDate(parsing: date)
            let (outcome, summary, activePlumbers, maybeSent) = try await command.withSession { session in
                let outcome = try await session.run(definition, date: day, rerun: rerun.flatMap(StageName.init(rawValue:)))
                let active = try await session.roster().filter(\.plumber.active).count
                return (outcome, try await session.summary(of: day), active, try await session.maybeSent().filter { $0.day == date })
            }
            print("run \(outcome.runID) for \(date): ran \(outcome.executed.map(\.rawValue).joined(separator: ", ").ifEmpty("nothing (all stages done)"))")
            if activePlumbers == 0 {
                CommandSupport.printError("warning: the roster has no active plumber, so no lead of \(date) could be sold (plumberleads plumbers import ROSTER.csv)")
            }
            let inbox = definition.inboxFolder(for: day)
            if !FileManager.default.fileExists(atPath: inbox.path) {
                // A day without its exports is not a quiet day: a timer must notice (exit 66).
                CommandSupport.printError("error: no inbox folder \(inbox.path) for \(date): nothing was ingested")
                throw ExitCode(66)
            }
            if !maybeSent.isEmpty {
                // Sent or not, nobody knows: ops must decide before a plumber misses a lead or gets it twice (exit 74).
                CommandSupport.printError("needs attention: \(maybeSent.count) message(s) of \(date) may have been sent: plumberleads notify maybe-sent")
                throw ExitCode(74)
            }
            if !summary.failedFiles.isEmpty {
                // The day ran, but some exports could not be read: ops must look (exit 65).
                for file in summary.failedFiles { CommandSupport.printError("unreadable file: \(file)") }
                throw ExitCode(65)
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
