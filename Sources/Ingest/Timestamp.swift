import Foundation
import LeadModel

/// Parses the timestamps ad platforms write: `2026-11-24T11:18:23-06:00`, `…+0000`, `…Z`, and the
/// space-separated form `2026-11-24 11:18:23-06:00`.
///
/// Pure arithmetic on the bytes (no `Calendar`): it runs once per ingested row.
enum Timestamp {
    /// The rejection reason for a `field` holding something that is not a timestamp.
    static func unreadable(_ field: String) -> String {
        "\(field) is not a timestamp (expected 2026-11-24T11:18:23-06:00 or 2026-11-24 11:18:23+0000)"
    }

    static func parse(_ text: String) -> Date? {
        var text = FastText.trimmed(text)
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes s: UnsafeBufferPointer<UInt8>) -> Date? {
        guard s.count >= 19, s[4] == 0x2D, s[7] == 0x2D, s[10] == 0x54 || s[10] == 0x20, s[13] == 0x3A, s[16] == 0x3A,
              let year = number(s, 0, 4), let month = number(s, 5, 2), let day = number(s, 8, 2),
              let hour = number(s, 11, 2), let minute = number(s, 14, 2), let second = number(s, 17, 2)
        else { return nil }
        var index = 19
        if index < s.count, s[index] == 0x2E {
            index += 1
            while index < s.count, (0x30...0x39).contains(s[index]) { index += 1 }
        }
        var offset = 0
        if index == s.count || (index == s.count - 1 && s[index] == 0x5A) {
            offset = 0
        } else if s[index] == 0x2B || s[index] == 0x2D {
            let negative = s[index] == 0x2D
            var digits: [Int] = []
            for byte in s[(index + 1)...] where byte != 0x3A {
                guard (0x30...0x39).contains(byte), digits.count < 4 else { return nil }
                digits.append(Int(byte - 0x30))
            }
            guard digits.count == 4 else { return nil }
            let h = digits[0] * 10 + digits[1], m = digits[2] * 10 + digits[3]
            guard h <= 14, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (negative ? -1 : 1)
        } else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 61
        else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func number(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in s[start..<(start + count)] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
