import Foundation
import LeadModel
@testable import Store
import Testing

@Suite struct LeadPayloadTests {
    @Test func roundTripsAwkwardText() throws {
        let lead = RawLead(
            platform: .meta, platformLeadID: "1", line: 2,
            answers: [.fullName: "Zoë \"Z\" O'Brien\\", .details: "line one\nline\ttwo \u{01} ünïcødé 🚿"],
            extra: ["what's_your_budget?": "$500–$1,000"])
        let text = LeadPayload.encode(lead)
        #expect((try? JSONSerialization.jsonObject(with: Data(text))) != nil)
        let decoded = try LeadPayload.decode(text)
        #expect(decoded.answers == lead.answers)
        #expect(decoded.extra == lead.extra)
    }

    @Test func timestampsAreWrittenForPostgres() {
        #expect(CopyEncoder.postgresTimestamp(Date(timeIntervalSince1970: 1_795_540_703)) == "2026-11-24 17:18:23+00")
    }
}
