import Foundation
import LeadModel
import Reports

/// What the server keeps for a few seconds: the sessions it found, each day's campaign report and each
/// plumber's day of leads. The batch changes these once a day; a few seconds' lag after a run, or after a
/// logout in another server process, is the price of answering a burst of requests from memory.
public struct ServerCaches: Sendable {
    /// How long an entry lives.
    public static let lifetime: TimeInterval = 5

    let sessions = ShortCache<Data, CachedSession>(lifetime: lifetime)
    /// A day's report figures, and the report pages rendered (by their range), CSRF token left out.
    let reports = ShortCache<BusinessDate, CampaignReport>(lifetime: lifetime, capacity: 400)
    let reportPages = ShortCache<String, PageBody>(lifetime: lifetime, capacity: 400)
    /// A plumber's day of leads, rendered (CSRF token left out).
    let days = ShortCache<PlumberDayKey, PageBody>(lifetime: lifetime)

    public init() {}
}

/// A plumber's day of leads.
struct PlumberDayKey: Hashable, Sendable {
    var plumberID: Int64
    var date: BusinessDate
}
