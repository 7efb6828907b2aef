import Foundation
import LeadModel
import Mustache

/// Renders reports to HTML with the Mustache templates under `reports/`.
public struct ReportRenderer: Sendable {
    public static let required = ["campaign-report.html", "report.css"]
    private let library: MustacheLibrary
    /// The stylesheet, inlined so a report file opens correctly on its own.
    private let css: String

    public init(directory: URL) async throws {
        library = try await TemplateFolder.load(directory, requiring: Self.required)
        css = library.render([String: Any](), withTemplate: "report.css") ?? ""
    }

    public func html(_ report: CampaignReport, generatedAt: Date) -> String {
        var context = Self.context(report)
        context["css"] = css
        context["generatedAt"] = ISO8601DateFormatter().string(from: generatedAt)
        return library.render(context, withTemplate: "campaign-report.html") ?? ""
    }

    /// The report's figures as the templates name them (the batch's file and the server's page share them).
    public static func context(_ report: CampaignReport) -> [String: Any] {
        func row(_ r: CampaignReport.Row) -> [String: Any] {
            [
                "platform": r.platform.rawValue, "campaign": r.campaign, "currency": r.spend.currency, "spend": r.spend.description,
                "leads": r.leads, "valid": r.valid, "validPct": Percent.format(r.valid, of: r.leads),
                "duplicates": r.duplicates, "duplicatePct": Percent.format(r.duplicates, of: r.leads),
                "matched": r.matched, "matchedPct": Percent.format(r.matched, of: r.valid),
                "revenue": r.revenue.description, "cpl": r.costPerLead?.description ?? "–", "won": r.won,
                "wonPct": Percent.format(r.won, of: r.matched),
                "roas": r.returnOnAdSpend.map { String(format: "%.2f×", $0) } ?? "–",
            ]
        }
        return [
            "date": report.date.description,
            "rows": report.rows.map(row),
            "hasRows": !report.rows.isEmpty,
            "total": report.totals.first.map(row) as Any,
            "totals": report.totals.map(row),
            "otherSpend": report.totals.dropFirst().map(\.spend.description).joined(separator: ", "),
            "hasOtherSpend": report.totals.count > 1,
            "rejectedRows": report.rejectedRows,
            "invalidReasons": report.invalidReasons.map { ["reason": $0.reason, "count": $0.count] as [String: Any] },
            "hasInvalid": !report.invalidReasons.isEmpty,
            "dedup": report.dedup.map { ["reason": $0.reason, "count": $0.count] as [String: Any] },
            "hasDedup": !report.dedup.isEmpty,
            "unsoldReasons": report.unsoldReasons.map { ["reason": $0.reason, "count": $0.count] as [String: Any] },
            "hasUnsold": !report.unsoldReasons.isEmpty,
            "charts": CampaignCharts.make(report).map { ["svg": $0] },
        ]
    }
}

/// A report template folder that is missing or incomplete.
public struct ReportTemplateError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { "report templates: \(detail)" }
}
