import Foundation
import LeadModel
@testable import Reports
import Testing

@Suite struct BarChartTests {
    @Test func labelsAreEscapedAndBarsScaleToTheLargestValue() {
        let chart = BarChart(
            title: "Spend <by> campaign", series: [.init(name: "Spend", colour: "#b42318")],
            groups: [
                .init(label: "<script>alert('x')</script> & co", values: [200], texts: ["$2.00"]),
                .init(label: "Half", values: [100], texts: ["$1.00"]),
                .init(label: "None", values: [0], texts: ["$0.00"]),
            ])
        let svg = chart.svg
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(svg.contains("<title id=\"chart-title\">Spend &lt;by&gt; campaign</title>"))
        let full = BarChart.width - BarChart.valueWidth
        #expect(svg.contains("width=\"\(String(format: "%.1f", full))\""), "the largest bar takes the whole width")
        #expect(svg.contains("width=\"\(String(format: "%.1f", full / 2))\""), "half the value, half the bar")
        #expect(svg.contains("width=\"0.0\""), "no bar for nothing")
        #expect(!svg.contains("style="), "no inline style: the CSP forbids them")
    }

    @Test func aReportWithoutCampaignsHasNoCharts() {
        #expect(CampaignCharts.make(CampaignReport(date: try! BusinessDate(parsing: "2026-11-24"), rows: [], invalidReasons: [], unsoldReasons: [], rejectedRows: 0)).isEmpty)
    }
}

@Suite struct PageRendererTests {
    @Test func aBodyIsCutAtEachTokenStandInAndJoinedWithTheViewersToken() {
        let parts = PageRenderer.split("a\(PageRenderer.tokenStandIn)bé\(PageRenderer.tokenStandIn)", at: PageRenderer.tokenStandIn)
        #expect(parts == ["a", "bé", ""])
        #expect(PageRenderer.split("no marker", at: PageRenderer.tokenStandIn) == ["no marker"])
    }
}
