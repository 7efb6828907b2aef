import Foundation
import LeadModel
import Reports
import Testing

@Suite struct CampaignReportTests {
    func report() throws -> CampaignReport {
        CampaignReport(date: try BusinessDate(parsing: "2026-11-24"), rows: [
            .init(platform: .google, campaign: "Drain, \"Suburbs\"", spend: Money(cents: 100_000), leads: 40, valid: 36, duplicates: 4, matched: 18, revenue: Money(cents: 90_000)),
            .init(platform: .meta, campaign: "=HYPERLINK(\"x\")", spend: Money(cents: 0), leads: 0, valid: 0, duplicates: 0, matched: 0, revenue: Money(cents: 0)),
        ], invalidReasons: [], unsoldReasons: [], rejectedRows: 2)
    }

    @Test func figures() throws {
        let row = try report().rows[0]
        #expect(row.costPerLead == Money(cents: 2500))
        #expect(row.returnOnAdSpend == 0.9)
        #expect(try report().rows[1].costPerLead == nil)
        #expect(try report().totals.map(\.leads) == [40])
    }

    @Test func currenciesAreNeverSummedAndROASNeedsOneCurrency() async throws {
        let report = CampaignReport(date: try BusinessDate(parsing: "2026-11-24"), rows: [
            .init(platform: .google, campaign: "Chicago", spend: Money(cents: 100_000), leads: 40, valid: 36, duplicates: 4, matched: 18, revenue: Money(cents: 90_000)),
            .init(platform: .meta, campaign: "Berlin", spend: Money(cents: 50_000, currency: "EUR"), leads: 10, valid: 9, duplicates: 0, matched: 0, revenue: Money(cents: 0)),
            .init(platform: .meta, campaign: "Tokyo", spend: Money(cents: 2138, currency: "JPY"), leads: 5, valid: 5, duplicates: 0, matched: 2, revenue: Money(cents: 7000)),
        ], invalidReasons: [], unsoldReasons: [], rejectedRows: 0)
        let totals = report.totals
        #expect(totals.map(\.campaign) == ["Total USD", "Total EUR", "Total JPY"])
        #expect(totals.map(\.spend) == [Money(cents: 100_000), Money(cents: 50_000, currency: "EUR"), Money(cents: 2138, currency: "JPY")])
        #expect(totals[0].returnOnAdSpend == 0.9)
        #expect(totals[2].returnOnAdSpend == nil, "JPY spend against USD revenue has no ROAS")
        #expect(report.rows[2].returnOnAdSpend == nil)
        #expect(Money(cents: 2138, currency: "JPY").description == "2,138 JPY")
        #expect(Money(cents: 12345, currency: "KWD").decimalString == "12.345")
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reports")
        let html = try await ReportRenderer(directory: templates).html(report, generatedAt: Date(timeIntervalSince1970: 0))
        #expect(html.contains("Also spent 500.00 EUR, 2,138 JPY"))
        #expect(!html.contains("$1,521.38") && !html.contains("152,138"), "no sum across currencies")
    }

    @Test func csvQuotesAndDefusesFormulas() throws {
        let lines = CampaignReportCSV.render(try report()).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("date,platform,campaign,spend"))
        #expect(lines[1] == "2026-11-24,google,\"Drain, \"\"Suburbs\"\"\",1000.00,USD,40,36,90.0,4,10.0,18,50.0,900.00,25.00,0.90,0")
        #expect(lines[2].hasPrefix("2026-11-24,meta,\"'=HYPERLINK(\"\"x\"\")\""))
    }

    @Test func htmlRendersEscaped() async throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reports")
        let html = try await ReportRenderer(directory: templates).html(try report(), generatedAt: Date(timeIntervalSince1970: 0))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("Drain, &quot;Suburbs&quot;"))
        #expect(html.contains("$1,000.00"))
        #expect(html.contains("0.90×"))
    }
}
