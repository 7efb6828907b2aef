import Foundation
import LeadModel

/// The rules for when a lead says it was submitted (`created_time`, `lead_submit_time`), against the
/// business day its file is loaded into: what cannot be is refused, what is odd is noted.
///
/// - Impossible (the row is rejected): before 2000 or after 2100 (`0001-01-01`, `9999-12-31`:
///   placeholders and typos, never a form submission), or more than a day after the business day
///   ends (an export cannot hold a lead from the future; a day of slack covers time-zone mistakes).
/// - Odd (loaded, and the file is noted): submitted `staleDays` or more before the business day
///   starts — an old lead re-exported, which dedup and the plumber should see for what it is.
///
/// A rule is a few comparisons per row: the day's bounds are worked out once, in `init`.
public struct SubmissionTime: Sendable {
    public enum Verdict: Sendable, Equatable {
        case plausible
        case odd(String)
        case impossible(String)
    }

    /// Submitted this many days or more before the business day: odd.
    public static let staleDays = 3
    /// 2000-01-01T00:00:00Z and 2101-01-01T00:00:00Z.
    static let earliest = Date(timeIntervalSince1970: 946_684_800)
    static let latest = Date(timeIntervalSince1970: 4_133_980_800)

    let day: BusinessDate
    let start: Date
    let end: Date

    public init(day: BusinessDate, timeZone: TimeZone) {
        self.day = day
        start = day.start(in: timeZone)
        end = day.adding(days: 1).start(in: timeZone)
    }

    public func judge(_ submitted: Date?) -> Verdict {
        guard let submitted else { return .plausible }
        guard submitted >= Self.earliest, submitted < Self.latest else {
            let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: submitted).year ?? 0
            return .impossible("submission time in the year \(year) cannot be a real submission")
        }
        if submitted >= end.addingTimeInterval(86_400) {
            let days = Int(submitted.timeIntervalSince(end) / 86_400)
            return .impossible("submitted \(days) day\(days == 1 ? "" : "s") after business day \(day) ends: an export cannot hold a lead from the future")
        }
        let before = Int(start.timeIntervalSince(submitted) / 86_400)
        if before >= Self.staleDays { return .odd("submitted \(before) days before business day \(day)") }
        return .plausible
    }
}
