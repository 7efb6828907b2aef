import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import Store

/// `plumberleads ledger PLUMBER`: the plumber's statement.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Print a plumber's statement: every charge and credit for their leads, and the totals.")

    @Argument(help: "The roster id (PL-0001).")
    var plumber: String

    func run() async throws {
        let (settings, logger) = try CommandSupport.bootstrap()
        try await CommandSupport.run {
            let statement = try await CommandSupport.withDatabase(settings, logger) { try await LedgerStatement.load(plumber: plumber, database: $0) }
            guard let statement else { throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)") }
            print("\(statement.plumber) \(statement.business)")
            print(statement.text)
        }
    }
}
