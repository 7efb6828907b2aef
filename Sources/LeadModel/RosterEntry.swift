import Foundation

/// A plumber as the roster table holds it: the row id, the plumber, and how its status and card stand.
public struct RosterEntry: Sendable, Hashable {
    public var id: Int64
    public var plumber: Plumber
    /// Why the card on file last failed (`card_declined: insufficient_funds`); nil when it has not.
    public var cardFailure: String?
    /// The status the roster gave at its last import; `plumber.active` differs when ops paused or
    /// resumed the plumber since.
    public var rosterActive: Bool
    /// Who set the current status, `roster` or `ops`, and when.
    public var statusSetBy: String
    public var statusSetAt: Date?
    /// When the plumber unsubscribed from the digests, if they did.
    public var digestsUnsubscribedAt: Date?
    /// When their mobile opted out at the SMS provider (it replied STOP there), if it did.
    public var smsOptedOutAt: Date?
    /// Whether a consent to our texts is in force.
    public var smsConsentInForce = false

    public init(id: Int64, plumber: Plumber, cardFailure: String?, rosterActive: Bool, statusSetBy: String, statusSetAt: Date?) {
        (self.id, self.plumber, self.cardFailure, self.rosterActive, self.statusSetBy, self.statusSetAt) =
            (id, plumber, cardFailure, rosterActive, statusSetBy, statusSetAt)
    }

    /// The status in words: `active`, or `paused by ops on 2026-11-24 (the roster says active)`.
    public var statusDescription: String {
        var text = plumber.active ? "active" : "paused"
        if statusSetBy == "ops" {
            text += " by ops" + (statusSetAt.map { " on \(Self.day.string(from: $0))" } ?? "")
        }
        if plumber.active != rosterActive { text += " (the roster says \(rosterActive ? "active" : "paused"))" }
        return text
    }

    private static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter
    }()
}
