import Foundation
import LeadModel
import Reports
import Store

/// Writes the day's campaign report as HTML and CSV under `var/reports/DATE/`, replacing the files
/// atomically, so a re-run simply renders the same figures again.
struct ReportStage: Stage {
    let name = StageName.report

    func run(_ context: StageContext) async throws {
        let report = Self.report(date: context.date, try await CampaignFigures.load(date: context.date, session: context.database.session))
        let folder = context.services.reportsFolder.appendingPathComponent(context.date.description, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let html = context.services.reports.html(report, generatedAt: context.services.clock())
        try Data(html.utf8).write(to: folder.appendingPathComponent("campaigns.html"), options: .atomic)
        try Data(CampaignReportCSV.render(report).utf8).write(to: folder.appendingPathComponent("campaigns.csv"), options: .atomic)
        context.failpoints.reach(.report, "after-write")
        try await context.commitChunk { _ in .init(rowsIn: Int64(report.rows.count), rowsOut: 2) }
    }

    /// The campaign report of `date` from its figures.
    static func report(date: BusinessDate, _ figures: CampaignFigures) -> CampaignReport {
        func reasons(_ list: [(reason: String, count: Int)]) -> [CampaignReport.Reason] { list.map { .init(reason: $0.reason, count: $0.count) } }
        return CampaignReport(
            date: date,
            rows: figures.rows.map {
                CampaignReport.Row(
                    platform: $0.platform, campaign: $0.campaign, spend: $0.spend, leads: $0.leads, valid: $0.valid, duplicates: $0.duplicates,
                    matched: $0.matched, revenue: $0.revenue)
            },
            invalidReasons: reasons(figures.invalidReasons), unsoldReasons: reasons(figures.unsoldReasons), rejectedRows: figures.rejectedRows,
            dedup: reasons(figures.dedup))
    }
}
