import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import Reports

/// `plumberleads ledger PLUMBER`: the plumber's statement.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Print a plumber's statement: every charge and credit for their leads, and the totals.")

    @Argument(help: "The roster id (PL-0001).")
    var plumber: String

    func run() async throws {
        try await CommandSupport.run { command in
            let statement = try await command.withSession(keys: .notNeeded) { try await $0.statement(of: plumber) }
            guard let statement else { throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)") }
            print("\(statement.plumber) \(statement.business)")
            print(statement.text)
        }
    }
}
