import Foundation

/// Parses the timestamps ad platforms write: `2026-11-24T11:18:23-06:00`, `…+0000`, `…Z`, and the
/// space-separated form `2026-11-24 11:18:23-06:00`.
enum Timestamp {
    static func parse(_ text: String) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard s.count >= 19, s[4] == 0x2D, s[7] == 0x2D, s[10] == 0x54 || s[10] == 0x20, s[13] == 0x3A, s[16] == 0x3A,
              let year = number(s, 0, 4), let month = number(s, 5, 2), let day = number(s, 8, 2),
              let hour = number(s, 11, 2), let minute = number(s, 14, 2), let second = number(s, 17, 2)
        else { return nil }
        var rest = s[19...]
        if rest.first == 0x2E { rest = rest.drop(while: { $0 == 0x2E || (0x30...0x39).contains($0) }) }
        var offset = 0
        if rest.isEmpty || rest == [0x5A] {
            offset = 0
        } else if let sign = rest.first, sign == 0x2B || sign == 0x2D {
            let digits = Array(rest.dropFirst().filter { $0 != 0x3A })
            guard digits.count == 4, let h = number(digits, 0, 2), let m = number(digits, 2, 2), h <= 14, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (sign == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
              let zone = TimeZone(secondsFromGMT: offset)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    private static func number(_ s: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in s[start..<(start + count)] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
