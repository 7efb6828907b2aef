import Foundation
import LeadModel

extension DemoBooks {
    /// The books as the demo prints them; `statementsFolder` is where each plumber's statement was written.
    public func text(statementsFolder: URL) -> String {
        var table = [["PLUMBER", "PLAN", "LEADS", "SHARED", "RELEASED", "CHARGED", "CREDITED", "NET"]]
        for books in plumbers {
            func usd(_ totals: [String: Int64]) -> String { Money(cents: totals["USD"] ?? 0).description }
            let statement = books.statement
            table.append([
                books.id, books.plan, String(books.leads), String(books.shared), String(books.released), usd(statement.totals), usd(statement.credited),
                usd(statement.net),
            ])
        }
        var out = "\nMatches and money (both days)\n" + TextTable.render(table).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        out += "\n\nUnsold leads by reason (plumberleads trace LEAD shows who was passed over and why)\n"
        out += unsold.map { "  \(String($0.count).leftPadded(to: 4))  \($0.reason)" }.joined(separator: "\n")
        let credited = credits.map { "  \($0.plumber) · \($0.source) · \($0.status) \($0.amount) · \($0.reason)" }
        out += "\n\nCredits\n" + (credited.isEmpty ? "  none" : credited.joined(separator: "\n"))
        out += "\n\nStatements       \(statementsFolder.path)/PL-….txt (plumberleads ledger PL-0004)"
        return out
    }
}
