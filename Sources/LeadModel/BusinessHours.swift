import Foundation

/// When a plumber answers the phone, as the roster writes it: `mon-fri 07:00-18:00; sat 08:00-12:00`,
/// `24/7`, or empty (not stated). Days are `mon` … `sun`, single or as a range; times are 24-hour
/// `HH:MM`, the end after the start (an overnight shift is two entries).
public struct BusinessHours: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Minutes since midnight, per ISO weekday (1 Monday … 7 Sunday).
    public private(set) var open: [Int: [Range<Int>]]
    /// The text as given, normalized to lower case.
    public let text: String

    public static let notStated = BusinessHours(text: "", open: [:])

    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private init(text: String, open: [Int: [Range<Int>]]) {
        self.text = text
        self.open = open
    }

    /// Parses the roster's form; throws a message naming what is wrong.
    public init(parsing raw: String) throws(HoursError) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        self.text = text
        self.open = [:]
        if text.isEmpty { return }
        if text == "24/7" {
            for day in 1...7 { open[day] = [0..<1440] }
            return
        }
        for entry in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw HoursError(text: raw, detail: "\"\(entry)\" is not DAYS HH:MM-HH:MM") }
            let dayBounds = parts[0].split(separator: "-").map(String.init)
            guard (1...2).contains(dayBounds.count), let first = Self.days.firstIndex(of: dayBounds[0]),
                  let last = Self.days.firstIndex(of: dayBounds.last!), first <= last else {
                throw HoursError(text: raw, detail: "\"\(parts[0])\" is not a day or day range (mon … sun)")
            }
            let times = parts[1].split(separator: "-").map { Self.minutes(String($0)) }
            guard times.count == 2, let start = times[0], let end = times[1], start < end else {
                throw HoursError(text: raw, detail: "\"\(parts[1])\" is not HH:MM-HH:MM with the end after the start")
            }
            for day in (first + 1)...(last + 1) { open[day, default: []].append(start..<end) }
        }
    }

    /// Whether the plumber is open at `date` in `timeZone`; nil when the hours are not stated.
    public func isOpen(at date: Date, in timeZone: TimeZone) -> Bool? {
        guard !text.isEmpty else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let isoDay = (parts.weekday! + 5) % 7 + 1  // Calendar: 1 Sunday … 7 Saturday
        let minute = parts.hour! * 60 + parts.minute!
        return open[isoDay, default: []].contains { $0.contains(minute) }
    }

    public var description: String { text.isEmpty ? "not stated" : text }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0..<60).contains(minute),
              hour * 60 + minute <= 1440 else { return nil }
        return hour * 60 + minute
    }

    public static func == (a: BusinessHours, b: BusinessHours) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try BusinessHours(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// Business hours that cannot be read.
public struct HoursError: Error, CustomStringConvertible {
    public var text: String
    public var detail: String
    public var description: String { "hours \"\(text)\": \(detail)" }
}
