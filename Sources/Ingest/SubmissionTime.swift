import Foundation
import LeadModel

/// The rules for when a lead says it was submitted (`created_time`, `lead_submit_time`), against the
/// business day its file is loaded into: what cannot be is refused, what is odd is noted.
///
/// - Impossible (the row is rejected): a year before 2000 or after 2100 (`0001-01-01`, `9999-12-31`:
///   placeholders and typos, never a form submission), or more than a day after the business day
///   ends (an export cannot hold a lead from the future; a day of slack covers time-zone mistakes).
/// - Odd (loaded, and the file is noted): submitted more than `staleDays` before the business day
///   starts — an old lead re-exported, which dedup and the plumber should see for what it is.
public enum SubmissionTime {
    public enum Verdict: Sendable, Equatable {
        case plausible
        case odd(String)
        case impossible(String)
    }

    /// Submitted this many days or more before the business day: odd.
    public static let staleDays = 3

    public static func judge(_ submitted: Date?, day: BusinessDate, timeZone: TimeZone) -> Verdict {
        guard let submitted else { return .plausible }
        let year = BusinessDate(containing: submitted, in: timeZone).year
        guard (2000...2100).contains(year) else { return .impossible("submission time in the year \(year) cannot be a real submission") }
        let start = day.start(in: timeZone)
        let end = day.adding(days: 1).start(in: timeZone)
        if submitted >= end.addingTimeInterval(86_400) {
            let days = Int(submitted.timeIntervalSince(end) / 86_400)
            return .impossible("submitted \(days) day\(days == 1 ? "" : "s") after business day \(day) ends: an export cannot hold a lead from the future")
        }
        let before = Int(start.timeIntervalSince(submitted) / 86_400)
        if before >= staleDays { return .odd("submitted \(before) days before business day \(day)") }
        return .plausible
    }
}
