import Foundation
import LeadModel

/// The campaign report's charts: money in and out per campaign, and what became of its leads.
public enum CampaignCharts {
    /// The charts as SVG, none when the report has no campaign.
    public static func make(_ report: CampaignReport) -> [String] {
        guard !report.rows.isEmpty else { return [] }
        func label(_ row: CampaignReport.Row) -> String { "\(row.platform.rawValue) · \(row.campaign)" }
        let money = BarChart(
            title: "Spend and revenue by campaign",
            series: [.init(name: "Spend", colour: "#b42318"), .init(name: "Revenue", colour: "#0b7a3e")],
            groups: report.rows.map {
                .init(label: label($0), values: [Double($0.spend.cents), Double($0.revenue.cents)], texts: [$0.spend.description, $0.revenue.description])
            })
        let funnel = BarChart(
            title: "Leads, valid, sold and won by campaign",
            series: [
                .init(name: "Leads", colour: "#9aa4b2"), .init(name: "Valid", colour: "#5b8def"), .init(name: "Sold", colour: "#0b5cad"),
                .init(name: "Won", colour: "#0b7a3e"),
            ],
            groups: report.rows.map {
                .init(label: label($0), values: [$0.leads, $0.valid, $0.matched, $0.won].map(Double.init), texts: [$0.leads, $0.valid, $0.matched, $0.won].map(String.init))
            })
        return [money.svg, funnel.svg]
    }
}
