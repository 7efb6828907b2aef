import Foundation
import LeadModel

extension LedgerStatement {
    /// The statement as a table with its totals, as `ledger` and the demo print it; each credit's reason
    /// is a numbered note under the table.
    public var text: String {
        var rows = [["DATE", "LEAD", "JOB", "AMOUNT", "BILLED AS", "STATUS", "REFERENCE"]]
        var notes: [String] = []
        for line in lines {
            var detail = line.detail
            if let note = line.note {
                notes.append("[\(notes.count + 1)] lead \(line.lead): \(note)")
                detail += " [\(notes.count)]"
            }
            rows.append([
                line.date, String(line.lead), "\(line.service), \(line.urgency)", line.amount.description, detail, line.status, line.reference ?? "-",
            ])
        }
        func money(_ totals: [String: Int64]) -> String {
            totals.isEmpty ? "$0.00" : totals.sorted { $0.key < $1.key }.map { Money(cents: $0.value, currency: $0.key).description }.joined(separator: ", ")
        }
        let paid = lines.filter { $0.kind == .charge && $0.status == "succeeded" }.count
        return TextTable.render(rows) + notes.map { "\n" + $0 }.joined()
            + "\ncharged \(money(totals)) for \(paid) leads · credited \(money(credited)) · net \(money(net))"
    }
}
