import Foundation
import LeadModel

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

        public init(platform: Platform, campaign: String, spend: Money, leads: Int, valid: Int, duplicates: Int, matched: Int, revenue: Money) {
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

        /// Revenue over spend; nil without spend.
        public var returnOnAdSpend: Double? {
            spend.cents == 0 ? nil : Double(revenue.cents) / Double(spend.cents)
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

    /// All campaigns added up (spend in the first row's currency).
    public var total: Row {
        Row(
            platform: rows.first?.platform ?? .meta, campaign: "Total",
            spend: Money(cents: rows.reduce(0) { $0 + $1.spend.cents }, currency: rows.first?.spend.currency ?? "USD"),
            leads: rows.reduce(0) { $0 + $1.leads }, valid: rows.reduce(0) { $0 + $1.valid },
            duplicates: rows.reduce(0) { $0 + $1.duplicates }, matched: rows.reduce(0) { $0 + $1.matched },
            revenue: Money(cents: rows.reduce(0) { $0 + $1.revenue.cents }, currency: rows.first?.revenue.currency ?? "USD"))
    }
}
