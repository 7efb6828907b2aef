import Foundation
import LeadModel

/// When an urgent text may reach a plumber, in the recipient's local time: 08:00–21:00 (the TCPA's
/// calling hours), 08:00–20:00 where state law ends the day earlier (Florida, Oklahoma, Washington),
/// and within the plumber's own alert hours when the roster gives them. A text due outside the window
/// is withheld, not delayed: the lead is in the day's digest, and a burst pipe texted the next
/// morning is no longer urgent.
public struct TextingWindow: Sendable, Equatable {
    /// Minutes after local midnight: texts from `opens` up to, not including, `closes`.
    public var opens: Int
    public var closes: Int
    /// The plumber's own hours for alerts; not stated: the legal window alone.
    public var alertHours: BusinessHours

    /// States whose telephone-solicitation laws allow 08:00–20:00 only (FL Stat. § 501.616, Okla. Stat.
    /// tit. 15 § 775C.4, RCW 80.36.390).
    public static let eveningEndsAtEight: Set<String> = ["FL", "OK", "WA"]

    /// The window for a recipient in `state` (a USPS code; nil when unknown) with `alertHours`.
    public init(state: String?, alertHours: BusinessHours = .notStated) {
        opens = 8 * 60
        closes = state.map { Self.eveningEndsAtEight.contains($0) } == true ? 20 * 60 : 21 * 60
        self.alertHours = alertHours
    }

    /// Whether a text may go out at `instant` to someone in `zone`.
    public func allows(_ instant: Date, in zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let local = calendar.dateComponents([.hour, .minute], from: instant)
        let minutes = (local.hour ?? 0) * 60 + (local.minute ?? 0)
        guard minutes >= opens, minutes < closes else { return false }
        return alertHours.text.isEmpty || alertHours.isOpen(at: instant, in: zone) == true
    }

    /// The window in words: `08:00–21:00`, with the alert hours when they narrow it.
    public var description: String {
        func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        return "\(clock(opens))–\(clock(closes))" + (alertHours.text.isEmpty ? "" : " within \(alertHours.text)")
    }
}
