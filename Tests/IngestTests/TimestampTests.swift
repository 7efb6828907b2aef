import Foundation
@testable import Ingest
import Testing

@Suite struct TimestampTests {
    @Test("platform timestamps", arguments: [
        ("2026-11-24T11:18:23-06:00", 1_795_540_703.0),
        ("2026-11-24T17:18:23+0000", 1_795_540_703.0),
        ("2026-11-24T17:18:23Z", 1_795_540_703.0),
        ("2026-11-24 11:18:23-06:00", 1_795_540_703.0),
        ("2026-11-24T17:18:23.123+00:00", 1_795_540_703.0),
        ("  2024-02-29T00:00:00+05:30 ", 1_709_145_000.0),
        ("1999-12-31T23:59:59Z", 946_684_799.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    /// Found by the fuzzer: an offset beyond ±14 h used to crash (TimeZone(secondsFromGMT:) is nil).
    @Test("impossible values are nil, never a crash", arguments: [
        "2026-11-24T06:00:00-26:00", "2026-13-24T06:00:00Z", "2026-11-24T25:00:00Z", "2026-11-24T06:61:00Z",
        "2026-11-24T06:00:00+0", "2026-11-24", "2026-11-31T06:00:00Z", "2025-02-29T06:00:00Z",
        "2026-11-24T06:00:00+05:00:00", "2026-11-24T06:00:00Zulu", "", "yesterday",
    ])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
