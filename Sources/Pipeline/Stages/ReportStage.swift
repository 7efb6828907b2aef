import Foundation
import LeadModel
import Reports
import Store

/// Writes the day's campaign report as HTML and CSV under `var/reports/DATE/`, replacing the files
/// atomically, so a re-run simply renders the same figures again.
struct ReportStage: Stage {
    let name = StageName.report

    func run(_ context: StageContext) async throws {
        let report = try await CampaignFigures.load(date: context.date, session: context.database.session).report(date: context.date)
        let folder = context.services.reportsFolder.appendingPathComponent(context.date.description, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let html = context.services.reports.html(report, generatedAt: context.services.clock())
        try Data(html.utf8).write(to: folder.appendingPathComponent("campaigns.html"), options: .atomic)
        try Data(CampaignReportCSV.render(report).utf8).write(to: folder.appendingPathComponent("campaigns.csv"), options: .atomic)
        context.failpoints.reach(.report, "after-write")
        try await context.commitChunk { _ in .init(rowsIn: Int64(report.rows.count), rowsOut: 2) }
    }
}
