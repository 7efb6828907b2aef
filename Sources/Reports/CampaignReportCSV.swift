import Foundation
import LeadModel

/// The campaign report as CSV (RFC 4180), one row per campaign, for spreadsheets.
public enum CampaignReportCSV {
    public static let header = [
        "date", "platform", "campaign", "spend", "currency", "leads", "valid", "valid_pct", "duplicates", "duplicate_pct",
        "matched", "matched_pct", "revenue", "cost_per_lead", "roas", "won",
    ]

    public static func render(_ report: CampaignReport) -> String {
        var lines = [header.joined(separator: ",")]
        for row in report.rows {
            lines.append([
                report.date.description, row.platform.rawValue, row.campaign, row.spend.decimalString, row.spend.currency,
                String(row.leads), String(row.valid), Percent.format(row.valid, of: row.leads), String(row.duplicates),
                Percent.format(row.duplicates, of: row.leads), String(row.matched), Percent.format(row.matched, of: row.valid),
                row.revenue.decimalString, row.costPerLead?.decimalString ?? "",
                row.returnOnAdSpend.map { String(format: "%.2f", $0) } ?? "", String(row.won),
            ].map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote or line break; neutralizes spreadsheet formulas.
    static func quote(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Percentages as reports print them.
public enum Percent {
    /// `part / whole` as `12.5`, or empty when `whole` is zero.
    public static func format(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "" : String(format: "%.1f", Double(part) * 100 / Double(whole))
    }
}
