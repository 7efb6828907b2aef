import Enrich
import Foundation
import LeadModel
import Notify
@testable import Pipeline
import Store
import TestSupport
import Testing

/// Texts only inside the recipient's texting hours, in every US time zone, across the DST changes.
@Suite struct TextingHoursTests {
    /// Every IANA zone a US ZIP or US area code is in.
    static let usZones: [String] = {
        let zips = ZIPDirectory.shipped.standardZIPs.compactMap(\.timeZone)
        let codes = NANPDirectory.shipped.all.filter { $0.country == "US" }.flatMap(\.timeZones)
        return Set(zips + codes).sorted()
    }()

    /// Local minutes after midnight by offset arithmetic (not the Calendar the window uses).
    static func localMinutes(_ instant: Date, _ zone: TimeZone) -> Int {
        let seconds = Int(instant.timeIntervalSince1970) + zone.secondsFromGMT(for: instant)
        return ((seconds % 86_400) + 86_400) % 86_400 / 60
    }

    @Test func noTextOutsideTheWindowInAnyUSZoneOnDSTDays() throws {
        #expect(Self.usZones.count >= 20, "\(Self.usZones)")
        var violations: [String] = []
        var checked = 0
        for identifier in Self.usZones {
            let zone = try #require(TimeZone(identifier: identifier))
            for state in [nil, "FL"] as [String?] {
                let window = TextingWindow(state: state)
                let closes = state == "FL" ? 20 * 60 : 21 * 60
                // Around the spring-forward and fall-back days, and an ordinary one, every 5 minutes.
                for day in ["2026-03-07T00:00:00Z", "2026-10-31T00:00:00Z", "2026-06-15T00:00:00Z"] {
                    let start = try #require(ISO8601DateFormatter().date(from: day))
                    for step in 0..<(72 * 12) {
                        let instant = start.addingTimeInterval(Double(step) * 300)
                        let minutes = Self.localMinutes(instant, zone)
                        let expected = minutes >= 8 * 60 && minutes < closes
                        checked += 1
                        if window.allows(instant, in: zone) != expected { violations.append("\(identifier) \(state ?? "-") \(instant)") }
                    }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.prefix(10))")
        #expect(checked > 100_000)
    }

    @Test func theStatesWithShorterHoursAndThePlumbersOwnHours() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let at2030 = try #require(ISO8601DateFormatter().date(from: "2026-11-24T20:30:00-06:00"))  // a Tuesday
        #expect(TextingWindow(state: "IL").allows(at2030, in: chicago))
        for state in ["FL", "OK", "WA"] { #expect(!TextingWindow(state: state).allows(at2030, in: chicago), "\(state)") }
        let office = try BusinessHours(parsing: "mon-fri 08:00-17:00")
        let at1000 = try #require(ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-06:00"))
        let saturday = try #require(ISO8601DateFormatter().date(from: "2026-11-28T10:00:00-06:00"))
        #expect(TextingWindow(state: "IL", alertHours: office).allows(at1000, in: chicago))
        #expect(!TextingWindow(state: "IL", alertHours: office).allows(saturday, in: chicago))
        #expect(!TextingWindow(state: "IL", alertHours: try BusinessHours(parsing: "24/7")).allows(
            try #require(ISO8601DateFormatter().date(from: "2026-11-24T03:00:00-06:00")), in: chicago), "alert hours never widen the legal window")
    }

    @Test func atNightTheTextsAreWithheldAndTheDigestCarriesTheLeads() async throws {
        let night = try #require(ISO8601DateFormatter().date(from: "2026-11-24T03:10:00-06:00"))
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database, clock: { night })
            _ = try await harness.run()
            let texts = try await harness.count("notifications", where: "channel = 'sms'")
            #expect(texts > 0)
            #expect(try await harness.count("notifications", where: "channel = 'sms' AND status = 'withheld' AND last_error LIKE 'outside texting hours: 03:10 in America/Chicago%'") == texts)
            #expect(!FileManager.default.fileExists(atPath: harness.home.appendingPathComponent("outbox/sms.jsonl").path))
            // Every withheld text's lead is in a digest that went out.
            #expect(try await harness.count("notifications n", where: """
                n.channel = 'sms' AND NOT EXISTS (SELECT 1 FROM digest_items d JOIN notifications e ON e.id = d.notification_id
                WHERE d.assignment_id = n.assignment_id AND e.status = 'sent')
                """) == 0)
        }
    }
}
