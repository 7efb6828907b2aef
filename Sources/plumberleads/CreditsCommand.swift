import ArgumentParser
import Billing
import Foundation
import Ingest
import LeadModel
import Pipeline

/// `plumberleads credits …`: return requests from plumbers, and settling credits.
struct CreditsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits", abstract: "Judge plumbers' return requests and settle credits.", subcommands: [Import.self, Settle.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge return requests (CSV: plumber_id, lead_id, reason_code, note) by pipelines/returns.yml; exits 65 if a row was rejected.")

        @Argument(help: "The requests CSV.")
        var file: String

        @Option(help: "The return rules file.")
        var rules = "pipelines/returns.yml"

        @Option(help: "The day the requests were received, YYYY-MM-DD (default: today in the pipeline's time zone).")
        var date: String?

        @Option(help: "The pipeline (for its time zone).")
        var pipeline = "pipelines/daily.yml"

        func run() async throws {
            try await CommandSupport.run { command in
                let rules = try ReturnRules.load(URL(fileURLWithPath: self.rules))
                let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
                let today = try date.map { try BusinessDate(parsing: $0) } ?? BusinessDate(containing: Date(), in: definition.timeZone)
                let outcome = try await command.withSession { try await $0.importReturnRequests(URL(fileURLWithPath: file), rules: rules, today: today) }
                for decision in outcome.decisions {
                    print("\(file):\(decision.line): \(decision.plumber) lead \(decision.lead): \(decision.accepted ? "" : "refused: ")\(decision.reason)")
                }
                for row in outcome.rejected { CommandSupport.printError("\(file):\(row.line): \(row.reason)") }
                let accepted = outcome.decisions.filter(\.accepted).count
                print("\(accepted) accepted, \(outcome.decisions.count - accepted) refused, \(outcome.rejected.count) rows rejected; "
                    + "refunds are made by the next run or `plumberleads credits settle`")
                if !outcome.rejected.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refund or cancel every pending credit now, through the configured provider.")

        @Option(help: "The pipeline (for its templates and provider settings).")
        var pipeline = "pipelines/daily.yml"

        func run() async throws {
            try await CommandSupport.run { command in
                let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
                let settled = try await command.withSession { try await $0.settleCredits(definition) }
                print("\(settled) credit(s) settled")
            }
        }
    }
}
