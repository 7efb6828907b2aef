import Billing
import Foundation
import Ingest
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// Return requests judged by pipelines/returns.yml, and the credits they make.
@Suite struct ReturnRequestsTests {
    @Test func eachRequestIsJudgedByTheWrittenRulesAndAcceptedOnesAreRefundedOnce() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-23"))
            _ = try await harness.run()
            let rules = try ReturnRules.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/returns.yml"))
            func bought(_ plumber: String) async throws -> [Int64] {
                try await database.rows("""
                    SELECT a.lead_id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id JOIN charges c ON c.assignment_id = a.id
                    WHERE p.external_id = \(plumber) AND a.status = 'active' AND c.status = 'succeeded' ORDER BY a.lead_id
                    """).map { try $0.decode(Int64.self) }
            }
            let pl1 = try await bought("PL-0001"), pl6 = try await bought("PL-0006")
            let file = try TestFiles.file("returns.csv", """
                plumber_id,lead_id,reason_code,note
                PL-0004,1,wrong_number,"Number disconnected, called twice"
                PL-0004,1,wrong_number,asked again
                PL-0004,3,duplicate,
                PL-0001,\(pl1[0]),no_answer,never picked up
                PL-0001,\(pl6[0]),spam,
                PL-0006,\(pl6[0]),spam,
                PL-9999,1,spam,
                PL-0001,\(pl1[1]),spam
                """)
            let today = try BusinessDate(parsing: "2026-11-25")
            let outcome = try await ReturnRequests.importFile(file, rules: rules, today: today, database: database, cipher: harness.services.cipher)
            #expect(outcome.decisions.map(\.accepted) == [true, false, false, false, false])
            #expect(outcome.decisions[0].reason == "accepted: the phone number does not reach the person who asked")
            #expect(outcome.decisions[1].reason.hasPrefix("already credited: lead 3 turned out to be the same job as lead 1"))
            #expect(outcome.decisions[2].reason.hasPrefix("reason code no_answer is not returnable (returnable: duplicate, not_plumbing"))
            #expect(outcome.decisions[3].reason == "PL-0001 did not buy lead \(pl6[0]) (or its charge did not go through)")
            #expect(outcome.decisions[4].reason.hasPrefix("return rate would be 33 % of the 3 leads bought in 30 days (ceiling 20 %)"))
            #expect(outcome.rejected.map(\.line) == [3, 8, 9])
            #expect(outcome.rejected[0].reason == "PL-0004 already returned lead 1: accepted on 2026-11-25")
            #expect(outcome.rejected[1].reason == "no plumber PL-9999 in the roster")
            #expect(outcome.rejected[2].reason == "expected 4 fields, found 3")
            // A request refused for a mistyped reason code is corrected and judged anew.
            let mistyped = try TestFiles.file("mistyped.csv", "plumber_id,lead_id,reason_code,note\nPL-0001,\(pl1[1]),wrong_numbr,\n")
            let first = try await ReturnRequests.importFile(mistyped, rules: rules, today: today, database: database, cipher: harness.services.cipher)
            #expect(first.decisions.map(\.accepted) == [false])
            let corrected = try TestFiles.file("corrected.csv", "plumber_id,lead_id,reason_code,note\nPL-0001,\(pl1[1]),wrong_number,\n")
            let again = try await ReturnRequests.importFile(corrected, rules: rules, today: today, database: database, cipher: harness.services.cipher)
            #expect(again.rejected.isEmpty, "\(again.rejected)")
            #expect(again.decisions.count == 1, "judged anew, not refused as asked before")
            #expect(again.decisions.first?.reason == "accepted: the phone number does not reach the person who asked")
            #expect(try await harness.count("return_requests", where: "lead_id = \(pl1[1])") == 2, "both judgements are kept")
            // Outside the window.
            let late = try TestFiles.file("late.csv", "plumber_id,lead_id,reason_code,note\nPL-0001,\(pl1[2]),spam,\n")
            let refused = try await ReturnRequests.importFile(
                late, rules: rules, today: try BusinessDate(parsing: "2026-12-09"), database: database, cipher: harness.services.cipher)
            #expect(refused.decisions.first?.reason == "returned 15 days after the lead; the window is 7 days")
            // The note is kept encrypted; the accepted requests are refunded once, however often settling runs.
            #expect(try await harness.count("return_requests", where: "note_enc IS NOT NULL") == 2)
            #expect(try await CreditLedger.settlePending(provider: harness.services.payments, database: database, logger: database.logger) == 2)
            #expect(try await CreditLedger.settlePending(provider: harness.services.payments, database: database, logger: database.logger) == 0)
            let journal = harness.home.appendingPathComponent("ledger/payments.jsonl")
            // The run's automatic credits, and these two.
            let automatic = try await harness.count("credits", where: "source = 'automatic' AND status = 'refunded'")
            #expect(automatic > 0)
            #expect(try LedgerOnlyProvider.keys(in: journal, kind: "refund").count == automatic + 2)
            let statement = try #require(try await LedgerStatements(database.session).load(plumber: "PL-0004"))
            #expect(statement.lines.filter { $0.kind == .credit }.map(\.status) == ["refunded", "refunded"])
            #expect(statement.net["USD"] == (statement.totals["USD"] ?? 0) - (statement.credited["USD"] ?? 0))
        }
    }
}
