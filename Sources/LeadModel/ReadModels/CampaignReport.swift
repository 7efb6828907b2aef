import Foundation

/// The campaign report for one business day: spend and lead outcomes per platform and campaign.
public struct CampaignReport: Sendable, Hashable {
    /// One campaign's figures.
    public struct Row: Sendable, Hashable {
        public var platform: Platform
        public var campaign: String
        public var spend: Money
        public var leads: Int
        public var valid: Int
        public var duplicates: Int
        public var matched: Int
        public var revenue: Money
        /// Leads whose buyer told us they won the job.
        public var won: Int

        public init(
            platform: Platform, campaign: String, spend: Money, leads: Int, valid: Int, duplicates: Int, matched: Int, revenue: Money, won: Int = 0
        ) {
            self.won = won
            self.platform = platform
            self.campaign = campaign
            self.spend = spend
            self.leads = leads
            self.valid = valid
            self.duplicates = duplicates
            self.matched = matched
            self.revenue = revenue
        }

        /// Spend divided by leads received; nil without leads.
        public var costPerLead: Money? {
            leads == 0 ? nil : Money(cents: (spend.cents + Int64(leads) / 2) / Int64(leads), currency: spend.currency)
        }

        /// Revenue over spend; nil without spend, or when they are in different currencies (no exchange
        /// rate is applied: a JPY campaign's ROAS against USD revenue would be off a hundredfold).
        public var returnOnAdSpend: Double? {
            spend.cents == 0 || spend.currency != revenue.currency ? nil : Double(revenue.cents) / Double(spend.cents)
        }
    }

    /// Count of leads set aside, by reason.
    public struct Reason: Sendable, Hashable {
        public var reason: String
        public var count: Int
        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
        }
    }

    public var date: BusinessDate
    public var rows: [Row]
    /// Why leads were invalid, most common first.
    public var invalidReasons: [Reason]
    /// Why valid unique leads went unsold, most common first.
    public var unsoldReasons: [Reason]
    /// Rows rejected at ingest (malformed rows), across the day's files.
    public var rejectedRows: Int
    /// What dedup made of the valid leads: unique, linked new jobs, duplicates by how they were found.
    public var dedup: [Reason]

    public init(date: BusinessDate, rows: [Row], invalidReasons: [Reason], unsoldReasons: [Reason], rejectedRows: Int, dedup: [Reason] = []) {
        self.date = date
        self.rows = rows
        self.invalidReasons = invalidReasons
        self.unsoldReasons = unsoldReasons
        self.rejectedRows = rejectedRows
        self.dedup = dedup
    }

    /// The campaigns added up, one total per spend currency (amounts in different currencies are never
    /// summed): the revenue currency's first, then the others by code. Campaigns without spend count with
    /// the revenue currency. Labelled `Total` when there is one currency, `Total USD`, `Total EUR` … else.
    public var totals: [Row] {
        let revenueCurrency: String = rows.first(where: { $0.revenue.cents > 0 })?.revenue.currency ?? "USD"
        let groups: [String: [Row]] = Dictionary(grouping: rows, by: { (row: Row) -> String in
            row.spend.cents == 0 ? revenueCurrency : row.spend.currency
        })
        let currencies: [String] = groups.keys.sorted { ($0 != revenueCurrency ? 1 : 0, $0) < ($1 != revenueCurrency ? 1 : 0, $1) }
        return currencies.map { currency in
            let group = groups[currency]!
            return Row(
                platform: group[0].platform, campaign: currencies.count == 1 ? "Total" : "Total \(currency)",
                spend: Money(cents: group.reduce(0) { $0 + $1.spend.cents }, currency: currency),
                leads: group.reduce(0) { $0 + $1.leads }, valid: group.reduce(0) { $0 + $1.valid },
                duplicates: group.reduce(0) { $0 + $1.duplicates }, matched: group.reduce(0) { $0 + $1.matched },
                revenue: Money(cents: group.reduce(0) { $0 + $1.revenue.cents }, currency: revenueCurrency), won: group.reduce(0) { $0 + $1.won })
        }
    }
}

extension CampaignReport {
    /// Several days' reports added up, campaign by campaign (the rows of one platform and campaign are
    /// summed; the reasons too), dated `from`.
    public static func combining(_ reports: [CampaignReport], from: BusinessDate) -> CampaignReport {
        guard reports.count != 1 else { return reports[0] }
        var rows: [String: Row] = [:], order: [String] = []
        for row in reports.flatMap(\.rows) {
            let key = "\(row.platform.rawValue)\u{1F}\(row.campaign)\u{1F}\(row.spend.currency)"
            if var sum = rows[key] {
                sum.spend = Money(cents: sum.spend.cents + row.spend.cents, currency: sum.spend.currency)
                sum.revenue = Money(cents: sum.revenue.cents + row.revenue.cents, currency: sum.revenue.currency)
                (sum.leads, sum.valid, sum.duplicates, sum.matched, sum.won) =
                    (sum.leads + row.leads, sum.valid + row.valid, sum.duplicates + row.duplicates, sum.matched + row.matched, sum.won + row.won)
                rows[key] = sum
            } else {
                rows[key] = row
                order.append(key)
            }
        }
        func summed(_ lists: [[Reason]]) -> [Reason] {
            var counts: [String: Int] = [:]
            for reason in lists.joined() { counts[reason.reason, default: 0] += reason.count }
            return counts.map { Reason(reason: $0.key, count: $0.value) }.sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
        }
        return CampaignReport(
            date: from, rows: order.compactMap { rows[$0] }, invalidReasons: summed(reports.map(\.invalidReasons)),
            unsoldReasons: summed(reports.map(\.unsoldReasons)), rejectedRows: reports.reduce(0) { $0 + $1.rejectedRows },
            dedup: summed(reports.map(\.dedup)))
    }
}
