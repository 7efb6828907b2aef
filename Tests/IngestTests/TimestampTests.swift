import Foundation
@testable import Ingest
import LeadModel
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

@Suite struct SubmissionTimeTests {
    static let day = try! BusinessDate(parsing: "2026-11-24")
    static let chicago = TimeZone(identifier: "America/Chicago")!

    @Test("what cannot be is refused, what is odd is noted", arguments: [
        ("2026-11-24T11:18:23-06:00", "plausible"),
        ("2026-11-23T23:10:00-06:00", "plausible"),
        ("2026-11-25T20:00:00-06:00", "plausible"),  // within a day after the business day ends
        ("2026-11-26T01:00:00-06:00", "impossible"),
        ("2027-05-24T11:18:23-06:00", "impossible"),
        ("0001-01-01T00:00:00Z", "impossible"),
        ("9999-12-31T23:59:59Z", "impossible"),
        ("1999-12-31T23:59:59Z", "impossible"),
        ("2026-11-20T09:00:00-06:00", "odd"),
        ("2025-11-24T09:00:00-06:00", "odd"),
    ])
    func judged(text: String, verdict: String) throws {
        let judged = SubmissionTime(day: Self.day, timeZone: Self.chicago).judge(try #require(Timestamp.parse(text)))
        switch judged {
        case .plausible: #expect(verdict == "plausible")
        case .odd: #expect(verdict == "odd", "\(judged)")
        case .impossible: #expect(verdict == "impossible", "\(judged)")
        }
    }

    @Test func noSubmissionTimeIsNoObjection() {
        #expect(SubmissionTime(day: Self.day, timeZone: Self.chicago).judge(nil) == .plausible)
    }

    @Test("an unreadable submission time is a rejected row, not a lead without one", arguments: ["yesterday", "2026-13-45T00:00:00Z"])
    func unreadableTimesAreRejected(time: String) throws {
        let meta = MetaLeadReaderTests.header + "l:1\t\(time)\tag:1\tAd\tas:2\tSet\tc:77\tEmergency\tf:9\tForm\tfalse\tfb\tAnn Lee\t+13125552671\ta@example.com\t60614\tBurst pipe\n"
        guard case .rejected(let row) = try readAll(try write("m.tsv", Data(meta.utf8))).first else { Issue.record("accepted"); return }
        #expect(row.reason.hasPrefix("created_time is not a timestamp"))
        let google = #"{"lead_id":"g1","user_column_data":[{"column_id":"PHONE_NUMBER","string_value":"+13125552671"}],"lead_submit_time":"\#(time)"}"#
        guard case .rejected(let other) = try readAll(try write("g.jsonl", Data(google.utf8))).first else { Issue.record("accepted"); return }
        #expect(other.reason.hasPrefix("lead_submit_time is not a timestamp"))
    }
}
