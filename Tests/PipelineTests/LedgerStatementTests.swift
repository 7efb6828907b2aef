import Foundation
import LeadModel
import Matching
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

@Suite struct LedgerStatementTests {
    @Test func aStatementListsThePlumbersChargesAtTheirOwnTerms() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run()
            // pipelines/pricing.yml gives PL-0008 90 % of the list.
            let statement = try #require(try await LedgerStatements(database.session).load(plumber: "PL-0008"))
            #expect(!statement.lines.isEmpty)
            for line in statement.lines {
                let service = try #require(ServiceType(rawValue: line.service)), urgency = try #require(Urgency(rawValue: line.urgency))
                let list = harness.definition.prices.price(service: service, urgency: urgency).cents
                #expect(line.amount.cents == (list * 90 + 50) / 100, "lead \(line.lead)")
            }
            let charged = try await database.rows("""
                SELECT COALESCE(sum(c.amount_cents), 0)::bigint FROM charges c JOIN plumbers p ON p.id = c.plumber_id
                WHERE p.external_id = 'PL-0008' AND c.status = 'succeeded'
                """)[0].decode(Int64.self)
            #expect(statement.totals == ["USD": charged])
            #expect(try await LedgerStatements(database.session).load(plumber: "PL-404") == nil)
        }
    }
}
