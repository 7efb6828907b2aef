import Foundation

/// A calendar day in the business time zone: the partition a pipeline run works on.
///
/// ```swift
/// let day = try BusinessDate(parsing: "2026-11-24")
/// day.adding(days: -30).description // "2026-10-25"
/// ```
public struct BusinessDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Errors raised for a date that is not `YYYY-MM-DD` or not a real day.
    public struct InvalidDate: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "not a calendar date in YYYY-MM-DD form: \"\(text)\"" }
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible days such as `2026-02-30`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = Self.calendar.date(from: DateComponents(year: y, month: m, day: d)),
              Self.calendar.component(.day, from: date) == d, Self.calendar.component(.month, from: date) == m
        else { throw InvalidDate(text: text) }
        self.init(year: y, month: m, day: d)
    }

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The business day that contains `instant` in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// The day `days` later (negative for earlier).
    public func adding(days: Int) -> BusinessDate {
        let start = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let moved = Self.calendar.date(byAdding: .day, value: days, to: start)!
        let c = Self.calendar.dateComponents([.year, .month, .day], from: moved)
        return BusinessDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// Midnight starting this day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The ISO weekday: 1 Monday … 7 Sunday.
    public var isoWeekday: Int {
        let start = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return (Self.calendar.component(.weekday, from: start) + 5) % 7 + 1
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: BusinessDate, rhs: BusinessDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
