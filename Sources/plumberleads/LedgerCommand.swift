import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import Store

/// `plumberleads ledger PLUMBER`: the plumber's statement.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Print a plumber's statement: every charge for their leads and the total charged.")

    @Argument(help: "The roster id (PL-0001).")
    var plumber: String

    func run() async throws {
        let (settings, logger) = try CommandSupport.bootstrap()
        try await CommandSupport.run {
            let statement = try await CommandSupport.withDatabase(settings, logger) { try await LedgerStatement.load(plumber: plumber, database: $0) }
            guard let statement else { throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)") }
            print("\(statement.plumber) \(statement.business)")
            var rows = [["DATE", "LEAD", "JOB", "AMOUNT", "STATUS", "REFERENCE"]]
            for line in statement.lines {
                rows.append([line.date, String(line.lead), "\(line.service), \(line.urgency)", line.amount.description, line.status, line.reference ?? "-"])
            }
            print(TextTable.render(rows))
            let totals = statement.totals.sorted { $0.key < $1.key }.map { Money(cents: $0.value, currency: $0.key).description }
            print("charged: \(totals.isEmpty ? "nothing" : totals.joined(separator: ", ")) for \(statement.lines.filter { $0.status == "succeeded" }.count) leads")
        }
    }
}
