import Foundation

/// What a plumber has already received, as caps, budget, plan and rotation need it. Counts are of
/// active assignments (a released one, whose card was declined, no longer counts).
public struct PlumberLoad: Sendable, Hashable {
    /// Leads on the business day so far, this run included.
    public var today: Int
    /// Leads in the business day's week (Monday to Sunday).
    public var week: Int
    /// Leads in the business day's calendar month (for a subscription's included leads).
    public var month: Int
    /// What the month's leads cost the plumber, in cents (charges and overage; included leads are 0).
    public var monthSpentCents: Int64
    /// Order in which the plumber last received a lead (higher is more recent); 0 if never.
    public var lastServed: Int64

    public init(today: Int = 0, week: Int = 0, month: Int = 0, monthSpentCents: Int64 = 0, lastServed: Int64 = 0) {
        self.today = today
        self.week = week
        self.month = month
        self.monthSpentCents = monthSpentCents
        self.lastServed = lastServed
    }

    /// Counts one more lead at `cents`, served as number `sequence`.
    public mutating func add(cents: Int64, sequence: Int64) {
        today += 1
        week += 1
        month += 1
        monthSpentCents += cents
        lastServed = sequence
    }
}
