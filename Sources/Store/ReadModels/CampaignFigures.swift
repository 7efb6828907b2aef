import Foundation
import LeadModel
import PostgresNIO

/// The figures of a day's campaign report, computed in the database: per platform and campaign the
/// spend, the leads and what became of them, and the money they brought; the reasons leads were invalid
/// or unsold; the rejected rows; and the dedup breakdown. `Reports` renders them.
public struct CampaignFigures: Sendable {
    /// One campaign's row.
    public struct Row: Sendable, Hashable {
        public var platform: Platform
        public var campaign: String
        public var spend: Money
        public var leads, valid, duplicates, matched: Int
        public var revenue: Money
        /// Leads a buyer told us they won the job of (the report server's outcome links).
        public var won: Int

        public init(
            platform: Platform, campaign: String, spend: Money, leads: Int, valid: Int, duplicates: Int, matched: Int, revenue: Money, won: Int = 0
        ) {
            (self.platform, self.campaign, self.spend, self.revenue, self.won) = (platform, campaign, spend, revenue, won)
            (self.leads, self.valid, self.duplicates, self.matched) = (leads, valid, duplicates, matched)
        }
    }

    public var rows: [Row]
    public var invalidReasons: [(reason: String, count: Int)]
    public var unsoldReasons: [(reason: String, count: Int)]
    public var rejectedRows: Int
    public var dedup: [(reason: String, count: Int)]

    /// The campaign report these figures make for `date`.
    public func report(date: BusinessDate) -> CampaignReport {
        func reasons(_ list: [(reason: String, count: Int)]) -> [CampaignReport.Reason] { list.map { .init(reason: $0.reason, count: $0.count) } }
        return CampaignReport(
            date: date,
            rows: rows.map {
                CampaignReport.Row(
                    platform: $0.platform, campaign: $0.campaign, spend: $0.spend, leads: $0.leads, valid: $0.valid, duplicates: $0.duplicates,
                    matched: $0.matched, revenue: $0.revenue, won: $0.won)
            },
            invalidReasons: reasons(invalidReasons), unsoldReasons: reasons(unsoldReasons), rejectedRows: rejectedRows, dedup: reasons(dedup))
    }

    /// The figures of `date`'s campaign report.
    public static func load(date: BusinessDate, session: DatabaseSession) async throws -> CampaignFigures {
        let day = date.description
        var rows: [Row] = []
        for try await (platform, campaign, cost, currency, leads, valid, duplicates, matched, revenue, revenueCurrency, won) in try await session.connection.query("""
            WITH lead_rows AS (
                SELECT r.platform,
                       -- Google's lead webhooks carry only the campaign id: its name comes from a spend report, and
                       -- until one names it the report says so rather than print a bare number as the name.
                       COALESCE(r.campaign_name, s.campaign_name, 'campaign id ' || r.campaign_id || ' (no spend report names it yet)',
                                '(no campaign)') AS campaign,
                       l.valid, dd.status AS dedup_status, ms.status AS match_status, money.revenue, money.revenue_currency,
                       EXISTS (SELECT 1 FROM assignments wa JOIN plumber_inbox wi ON wi.assignment_id = wa.id AND wi.kind = 'won'
                               WHERE wa.lead_id = l.id) AS won
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
                       COALESCE(sum(revenue), 0)::bigint AS revenue, max(revenue_currency) AS revenue_currency,
                       count(*) FILTER (WHERE won) AS won
                FROM lead_rows GROUP BY platform, campaign),
            spend AS (
                SELECT platform, campaign_name AS campaign, sum(cost_cents)::bigint AS cost, max(currency) AS currency
                FROM campaign_spend WHERE day = \(day)::date GROUP BY platform, campaign_name)
            SELECT COALESCE(b.platform, s.platform), COALESCE(b.campaign, s.campaign), COALESCE(s.cost, 0)::bigint,
                   COALESCE(s.currency, 'USD'), COALESCE(b.leads, 0)::int, COALESCE(b.valid, 0)::int,
                   COALESCE(b.duplicates, 0)::int, COALESCE(b.matched, 0)::int, COALESCE(b.revenue, 0)::bigint,
                   COALESCE(b.revenue_currency, 'USD'), COALESCE(b.won, 0)::int
            FROM by_campaign b FULL JOIN spend s ON s.platform = b.platform AND s.campaign = b.campaign
            ORDER BY 1, 2
            """, logger: session.logger).decode((String, String, Int64, String, Int, Int, Int, Int, Int64, String, Int).self) {
            rows.append(Row(
                platform: Platform(rawValue: platform) ?? .meta, campaign: campaign, spend: Money(cents: cost, currency: currency),
                leads: leads, valid: valid, duplicates: duplicates, matched: matched, revenue: Money(cents: revenue, currency: revenueCurrency),
                won: won))
        }
        return CampaignFigures(
            rows: rows,
            invalidReasons: try await reasons("""
                SELECT p, count(*)::int FROM leads, unnest(problems) AS p WHERE business_date = \(day)::date
                GROUP BY p ORDER BY 2 DESC, 1
                """, session),
            unsoldReasons: try await reasons("""
                SELECT m.unsold_kind || ': ' || l.service || ' in ' || l.zip, count(*)::int
                FROM lead_match_status m JOIN leads l ON l.id = m.lead_id
                WHERE m.business_date = \(day)::date AND m.status = 'unsold'
                GROUP BY 1 ORDER BY 2 DESC, 1
                """, session),
            rejectedRows: try await session.rows("""
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
                """, session))
    }

    static func reasons(_ query: PostgresQuery, _ session: DatabaseSession) async throws -> [(reason: String, count: Int)] {
        var result: [(reason: String, count: Int)] = []
        for try await (reason, count) in try await session.connection.query(query, logger: session.logger).decode((String, Int).self) {
            result.append((reason, count))
        }
        return result
    }
}
