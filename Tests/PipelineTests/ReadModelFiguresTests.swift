import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// The read models' arithmetic, figure by figure, on a day small enough to know every answer: two lead
/// files (one repeating a lead of the other, one with a torn row) and a spend report over three
/// campaigns. One lead is sold, one repeats it, one has an unusable phone, one lives where no plumber
/// works.
@Suite struct ReadModelFiguresTests {
    static let header = "id\tcreated_time\tcampaign_name\tfull_name\tphone_number\temail\tzip_code\twhat_service_do_you_need?\thow_soon_do_you_need_a_plumber?\tdescribe_the_problem\n"

    static func row(_ id: Int, _ campaign: String, _ name: String, phone: String, email: String, zip: String, urgency: String, problem: String) -> String {
        "l:\(id)\t2026-11-24T10:00:00-06:00\t\(campaign)\t\(name)\tp:\(phone)\t\(email)\tz:\(zip)\tLeak\t\(urgency)\t\(problem)\n"
    }

    static func inbox() throws -> URL {
        let inbox = try TestFiles.folder("inbox")
        let sold = row(301, "Search", "Ann Lee", phone: "+13125550301", email: "ann.lee@example.com", zip: "60614", urgency: "Emergency",
                       problem: "burst pipe flooding the basement")
        let repeat_ = row(302, "Search", "Ann Lee", phone: "+13125550301", email: "ann.lee@example.com", zip: "60614", urgency: "Emergency",
                          problem: "burst pipe flooding the basement")
        let badPhone = row(303, "Winter", "Bo Chan", phone: "123", email: "bo.chan@example.com", zip: "60614", urgency: "Flexible", problem: "dripping tap")
        let uncovered = row(304, "Winter", "Cy Diaz", phone: "+17735550304", email: "cy.diaz@example.com", zip: "60629", urgency: "Flexible",
                            problem: "leaking pipe under the sink")
        try Data((header + sold + repeat_ + badPhone + uncovered + "l:305\ttruncated\n").utf8).write(to: inbox.appendingPathComponent("a-meta.tsv"))
        try Data((header + sold).utf8).write(to: inbox.appendingPathComponent("b-meta.tsv"))
        try Data("""
            Reporting starts,Reporting ends,Campaign name,Campaign delivery,Amount spent (USD),Impressions,Link clicks,Leads
            2026-11-24,2026-11-24,Search,active,100.00,1000,50,2
            2026-11-24,2026-11-24,Winter,active,50.00,800,20,2
            2026-11-24,2026-11-24,Brand,active,20.00,500,5,0

            """.utf8).write(to: inbox.appendingPathComponent("c-meta-ads-insights.csv"))
        return inbox
    }

    @Test func theDaySummaryCountsEveryFigure() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database, inbox: try Self.inbox())
            _ = try await harness.run()
            let summary = try await DaySummaries(database.session).load(date: PipelineHarness.date)
            let price = try await Self.soldPrice(database)
            #expect(summary == DaySummary(
                files: 3, failedFiles: [], rowsRead: 5 + 1 + 3, leadsIn: 4, rejectedRows: 1, repeatedRows: 1, invalid: 1, duplicates: 1, unique: 2,
                matched: 1, unsold: 1, charges: 1, billedCents: price.cents, emailsSent: 1, smsSent: 1, adminSummaries: 1))
        }
    }

    @Test func theCampaignFiguresAddUpPerCampaign() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database, inbox: try Self.inbox())
            _ = try await harness.run()
            let figures = try await CampaignFigures.load(date: PipelineHarness.date, session: database.session)
            let price = try await Self.soldPrice(database)
            let usd = { (cents: Int64) in Money(cents: cents) }
            #expect(figures.rows == [
                .init(platform: .meta, campaign: "Brand", spend: usd(2000), leads: 0, valid: 0, duplicates: 0, matched: 0, revenue: usd(0)),
                .init(platform: .meta, campaign: "Search", spend: usd(10000), leads: 2, valid: 2, duplicates: 1, matched: 1, revenue: price),
                .init(platform: .meta, campaign: "Winter", spend: usd(5000), leads: 2, valid: 1, duplicates: 0, matched: 0, revenue: usd(0)),
            ])
            #expect(figures.invalidReasons.map(\.count) == [1])
            #expect(figures.invalidReasons.first?.reason.contains("phone") == true, "\(figures.invalidReasons)")
            #expect(figures.unsoldReasons.map(\.reason) == ["no coverage: leak in 60629"])
            #expect(figures.unsoldReasons.map(\.count) == [1])
            #expect(figures.rejectedRows == 1)
            #expect(figures.dedup.map(\.reason) == [
                "unique", "… of which a new job of an earlier customer (linked)", "duplicate: same phone or email",
                "duplicate: same name with the same address or a typo-close phone or email",
            ])
            #expect(figures.dedup.map(\.count) == [2, 0, 1, 0])
        }
    }

    /// What the one sale cost, read from the buyer's statement (another read path than the figures').
    static func soldPrice(_ database: Database) async throws -> Money {
        let buyer = try await database.rows("SELECT p.external_id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.status = 'active'")
            .map { try $0.decode(String.self) }
        try #require(buyer.count == 1, "one sale expected, found \(buyer)")
        let statement = try #require(try await LedgerStatements(database.session).load(plumber: buyer[0]))
        #expect(statement.lines.count == 1)
        return Money(cents: statement.totals["USD"] ?? 0)
    }
}
