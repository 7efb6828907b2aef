import Foundation
import LeadModel
import Testing

@Suite struct BusinessDateTests {
    @Test func parsesAndPrints() throws {
        #expect(try BusinessDate(parsing: "2026-11-24").description == "2026-11-24")
    }

    @Test("rejects what is not a calendar day", arguments: ["2026-02-30", "2026-13-01", "26-11-24", "2026-11-24T00:00", "", "2026/11/24"])
    func rejects(text: String) {
        #expect(throws: BusinessDate.InvalidDate.self) { try BusinessDate(parsing: text) }
    }

    @Test func arithmeticCrossesMonthsAndYears() throws {
        #expect(try BusinessDate(parsing: "2026-11-24").adding(days: -30).description == "2026-10-25")
        #expect(try BusinessDate(parsing: "2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(try BusinessDate(parsing: "2028-03-01").adding(days: -1).description == "2028-02-29")
    }

    @Test func dayContainingAnInstantDependsOnTheZone() throws {
        let instant = Date(timeIntervalSince1970: 1_795_579_200)  // 2026-11-25 04:00 UTC
        #expect(BusinessDate(containing: instant, in: TimeZone(identifier: "America/Chicago")!).description == "2026-11-24")
        #expect(BusinessDate(containing: instant, in: TimeZone(identifier: "UTC")!).description == "2026-11-25")
    }
}

@Suite struct MoneyTests {
    @Test("formats", arguments: [(0, "$0.00"), (5, "$0.05"), (123_456, "$1,234.56"), (-250, "-$2.50"), (100_000_000, "$1,000,000.00")])
    func formats(cents: Int64, text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test func decimalAndForeignCurrency() {
        #expect(Money(cents: 123_405, currency: "EUR").description == "1,234.05 EUR")
        #expect(Money(cents: -5).decimalString == "-0.05")
    }
}
