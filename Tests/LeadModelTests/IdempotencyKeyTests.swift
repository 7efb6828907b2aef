import LeadModel
import Testing

/// Every key comes from the row it belongs to, so a re-run sends the same key.
@Suite struct IdempotencyKeyTests {
    let day = try! BusinessDate(parsing: "2026-11-24")

    @Test func keysAreDerivedFromTheirRows() {
        #expect(IdempotencyKey.charge(day: day, assignment: 17).rawValue == "charge-2026-11-24-a17")
        #expect(IdempotencyKey.cancellation(of: .charge(day: day, assignment: 17)).rawValue == "cancel-charge-2026-11-24-a17")
        #expect(IdempotencyKey.credit(assignment: 17).rawValue == "credit-a17")
        #expect(IdempotencyKey.digest(day: day, plumber: 3, sequence: 1).rawValue == "digest-2026-11-24-p3")
        #expect(IdempotencyKey.digest(day: day, plumber: 3, sequence: 2).rawValue == "digest-2026-11-24-p3-2")
        #expect(IdempotencyKey.sms(day: day, assignment: 17).rawValue == "sms-2026-11-24-a17")
    }

    @Test func keysOfDifferentRowsNeverMeet() {
        let keys = [
            IdempotencyKey.charge(day: day, assignment: 1), .charge(day: day, assignment: 11), .charge(day: day.adding(days: 1), assignment: 1),
            .credit(assignment: 1), .credit(assignment: 11), .sms(day: day, assignment: 1), .digest(day: day, plumber: 1, sequence: 1),
            .digest(day: day, plumber: 1, sequence: 2), .digest(day: day, plumber: 12, sequence: 1), .cancellation(of: .charge(day: day, assignment: 1)),
        ]
        #expect(Set(keys).count == keys.count)
        #expect(IdempotencyKey.charge(day: day, assignment: 5) == IdempotencyKey(rawValue: "charge-2026-11-24-a5"))
    }
}
