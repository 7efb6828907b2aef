import Billing
import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Reports
import Testing

/// Credits the system gives by itself for what it learns after a sale.
@Suite struct AutomaticCreditTests {
    static let days = [
        ("2026-11-23", [
            GoogleLeadInbox.lead("k1", "Kevin Walsh", "(773) 281-4409", "kwalsh@example.com", "3318 N Racine Ave", "Leak repair", day: "2026-11-23"),
            GoogleLeadInbox.lead("n1", "Nina Patel", "(312) 867-4455", "nina.patel@example.com", "200 W Belmont Ave", "Leak repair", day: "2026-11-23"),
        ]),
        ("2026-11-24", [
            // Kevin again the next day, his number with the last two digits the other way round.
            GoogleLeadInbox.lead("k2", "Kevin Walsh", "(773) 281-4490", "kwalsh@example.com", "3318 N Racine Ave", "Leak repair", day: "2026-11-24"),
            // Nina again with the same number: a repeat, nothing learned about her phone.
            GoogleLeadInbox.lead("n2", "Nina Patel", "312-867-4455", "nina.patel@example.com", "200 W Belmont Ave", "Leak repair", day: "2026-11-24"),
            // Omar twice in one day with two digits swapped: dedup decides before the sale, nothing was bought with the
            // other number.
            GoogleLeadInbox.lead("o1", "Omar Haddad", "(872) 431-7788", "", "1010 W Irving Park Rd", "Leak repair", day: "2026-11-24"),
            GoogleLeadInbox.lead("o2", "Omar Haddad", "(872) 431-7878", "", "1010 W Irving Park Rd", "Leak repair", day: "2026-11-24"),
        ]),
    ]

    static func inbox() throws -> URL {
        try GoogleLeadInbox.write("credit-inbox", days: days)
    }

    @Test func aCorrectedPhoneOnALaterDayCreditsEveryBuyerOfTheMistypedLeadOnce() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database, inbox: try Self.inbox().appendingPathComponent("{date}"))
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-23"))
            #expect(try await harness.count("credits") == 0)
            _ = try await harness.run(date: PipelineHarness.date)

            // Kevin's first lead was sold on the 23rd; every plumber who bought it is credited what they paid.
            let buyers = try await database.rows("""
                SELECT a.id, c.amount_cents FROM assignments a JOIN leads l ON l.id = a.lead_id JOIN raw_leads r ON r.id = l.raw_lead_id
                JOIN charges c ON c.assignment_id = a.id AND c.status = 'succeeded' WHERE r.platform_lead_id = 'k1' AND a.status = 'active'
                ORDER BY a.id
                """).map { try $0.decode((Int64, Int64).self) }
            #expect(!buyers.isEmpty)
            let credits = try await database.rows("""
                SELECT assignment_id, amount_cents, source, reason_code, status, reason FROM credits ORDER BY assignment_id
                """).map { try $0.decode((Int64, Int64, String, String, String, String).self) }
            #expect(credits.map(\.0) == buyers.map(\.0), "only the buyers of k1 are credited, Nina's and Omar's leads are not")
            #expect(credits.map(\.1) == buyers.map(\.1))
            for credit in credits {
                #expect(credit.2 == "automatic" && credit.3 == "invalid_phone" && credit.4 == "refunded")
                #expect(credit.5.contains("looks mistyped: the same person asked again on 2026-11-24 with a corrected number"))
                #expect(credit.5.contains("phone with two digits transposed"))
            }
            // The buyer's statement shows the credit on one line and its reason in a note under the table.
            let buyer = try await database.rows("""
                SELECT p.external_id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.id = \(buyers[0].0)
                """)[0].decode(String.self)
            let statement = try #require(try await LedgerStatements(database.session).load(plumber: buyer)).text
            #expect(statement.contains("automatic, invalid_phone [1]"))
            #expect(statement.contains("\n[1] lead "))
            #expect(statement.contains(": the phone of lead "))
            let journal = harness.home.appendingPathComponent("ledger/payments.jsonl")
            #expect(try LedgerOnlyProvider.keys(in: journal, kind: "refund").count == buyers.count)

            // Bill again: nothing is credited or refunded twice.
            #expect(try await harness.run(rerun: .bill).executed.first == .bill)
            #expect(try await harness.count("credits") == credits.count)
            #expect(try LedgerOnlyProvider.keys(in: journal, kind: "refund").count == buyers.count)
        }
    }
}
