import Foundation
import LeadModel
import PostgresNIO
import Reports
import Store

/// Writes the day's campaign report as HTML and CSV under `var/reports/DATE/`, replacing the files
/// atomically, so a re-run simply renders the same figures again.
struct ReportStage: Stage {
    let name = StageName.report

    func run(_ context: StageContext) async throws {
        let report = try await Self.build(date: context.date, database: context.database)
        let folder = context.services.reportsFolder.appendingPathComponent(context.date.description, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let html = context.services.reports.html(report, generatedAt: context.services.clock())
        try Data(html.utf8).write(to: folder.appendingPathComponent("campaigns.html"), options: .atomic)
        try Data(CampaignReportCSV.render(report).utf8).write(to: folder.appendingPathComponent("campaigns.csv"), options: .atomic)
        context.failpoints.reach(.report, "after-write")
        try await context.commitChunk { _ in .init(rowsIn: Int64(report.rows.count), rowsOut: 2) }
    }

    /// Computes the campaign report for `date` from the database.
    static func build(date: BusinessDate, database: Database) async throws -> CampaignReport {
        let day = date.description
        var rows: [CampaignReport.Row] = []
        for try await (platform, campaign, cost, currency, leads, valid, duplicates, matched, revenue, revenueCurrency) in try await database.connection.query("""
            WITH lead_rows AS (
                SELECT r.platform,
                       -- Google's lead webhooks carry only the campaign id: its name comes from a spend report, and
                       -- until one names it the report says so rather than print a bare number as the name.
                       COALESCE(r.campaign_name, s.campaign_name, 'campaign id ' || r.campaign_id || ' (no spend report names it yet)',
                                '(no campaign)') AS campaign,
                       l.valid, dd.status AS dedup_status, ms.status AS match_status, money.revenue, money.revenue_currency
                FROM raw_leads r
                LEFT JOIN leads l ON l.raw_lead_id = r.id
                LEFT JOIN lead_dedup dd ON dd.lead_id = l.id
                LEFT JOIN lead_match_status ms ON ms.lead_id = l.id
                LEFT JOIN LATERAL (SELECT campaign_name FROM campaign_spend cs
                                   WHERE cs.platform = r.platform AND cs.campaign_id = r.campaign_id LIMIT 1) s ON true
                LEFT JOIN LATERAL (SELECT sum(ch.amount_cents) FILTER (WHERE ch.status = 'succeeded') AS revenue,
                                          max(ch.currency) FILTER (WHERE ch.status = 'succeeded') AS revenue_currency
                                   FROM assignments a JOIN charges ch ON ch.assignment_id = a.id WHERE a.lead_id = l.id) money ON true
                WHERE r.business_date = \(day)::date),
            by_campaign AS (
                SELECT platform, campaign, count(*) AS leads, count(*) FILTER (WHERE valid) AS valid,
                       count(*) FILTER (WHERE dedup_status = 'duplicate') AS duplicates,
                       count(*) FILTER (WHERE match_status = 'assigned') AS matched,
                       COALESCE(sum(revenue), 0)::bigint AS revenue, max(revenue_currency) AS revenue_currency
                FROM lead_rows GROUP BY platform, campaign),
            spend AS (
                SELECT platform, campaign_name AS campaign, sum(cost_cents)::bigint AS cost, max(currency) AS currency
                FROM campaign_spend WHERE day = \(day)::date GROUP BY platform, campaign_name)
            SELECT COALESCE(b.platform, s.platform), COALESCE(b.campaign, s.campaign), COALESCE(s.cost, 0)::bigint,
                   COALESCE(s.currency, 'USD'), COALESCE(b.leads, 0)::int, COALESCE(b.valid, 0)::int,
                   COALESCE(b.duplicates, 0)::int, COALESCE(b.matched, 0)::int, COALESCE(b.revenue, 0)::bigint,
                   COALESCE(b.revenue_currency, 'USD')
            FROM by_campaign b FULL JOIN spend s ON s.platform = b.platform AND s.campaign = b.campaign
            ORDER BY 1, 2
            """, logger: database.logger).decode((String, String, Int64, String, Int, Int, Int, Int, Int64, String).self) {
            rows.append(CampaignReport.Row(
                platform: Platform(rawValue: platform) ?? .meta, campaign: campaign, spend: Money(cents: cost, currency: currency),
                leads: leads, valid: valid, duplicates: duplicates, matched: matched, revenue: Money(cents: revenue, currency: revenueCurrency)))
        }
        return CampaignReport(
            date: date, rows: rows,
            invalidReasons: try await reasons("""
                SELECT p, count(*)::int FROM leads, unnest(problems) AS p WHERE business_date = \(day)::date
                GROUP BY p ORDER BY 2 DESC, 1
                """, database),
            unsoldReasons: try await reasons("""
                SELECT m.unsold_kind || ': ' || l.service || ' in ' || l.zip, count(*)::int
                FROM lead_match_status m JOIN leads l ON l.id = m.lead_id
                WHERE m.business_date = \(day)::date AND m.status = 'unsold'
                GROUP BY 1 ORDER BY 2 DESC, 1
                """, database),
            rejectedRows: try await database.rows("""
                SELECT COALESCE(sum(rows_rejected), 0)::int FROM source_files WHERE business_date = \(day)::date
                """)[0].decode(Int.self),
            dedup: try await reasons("""
                SELECT label, n FROM (
                    SELECT 1 AS k, 'unique' AS label, (count(*) - (SELECT count(*) FROM lead_dedup
                        WHERE business_date = \(day)::date AND status = 'duplicate'))::int AS n FROM leads WHERE business_date = \(day)::date AND valid
                    UNION ALL SELECT 2, '… of which a new job of an earlier customer (linked)', count(*) FILTER (WHERE related_to IS NOT NULL)::int
                        FROM lead_dedup WHERE business_date = \(day)::date
                    UNION ALL SELECT 3, 'duplicate: same phone or email', count(*) FILTER (WHERE status = 'duplicate' AND exact_contact)::int
                        FROM lead_dedup WHERE business_date = \(day)::date
                    UNION ALL SELECT 4, 'duplicate: same name with the same address or a typo-close phone or email', count(*) FILTER (WHERE status = 'duplicate' AND NOT exact_contact)::int
                        FROM lead_dedup WHERE business_date = \(day)::date) x
                ORDER BY k
                """, database))
    }

    static func reasons(_ query: PostgresQuery, _ database: Database) async throws -> [CampaignReport.Reason] {
        var result: [CampaignReport.Reason] = []
        for try await (reason, count) in try await database.connection.query(query, logger: database.logger).decode((String, Int).self) {
            result.append(.init(reason: reason, count: count))
        }
        return result
    }
}
