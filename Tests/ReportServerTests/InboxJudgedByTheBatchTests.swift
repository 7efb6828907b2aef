import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import HummingbirdTesting
import LeadModel
import Pipeline
@testable import ReportServer
import SignedLinks
import Store
import Testing
import TestSupport

/// What plumbers say on the server is judged by the next batch: a credit request and a wrong number by
/// the return rules (as `credits import`), an unsubscribe by notify, an outcome noted; each once.
@Suite struct InboxJudgedByTheBatchTests {
    @Test func theNextRunJudgesCreditRequestsAndHonoursUnsubscribes() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            func sales(_ plumber: String) async throws -> [Int64] {
                try await harness.database.rows("""
                    SELECT a.id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id JOIN charges c ON c.assignment_id = a.id
                    WHERE p.external_id = \(plumber) AND c.status = 'succeeded' AND c.business_date = '2026-11-24'
                      AND NOT EXISTS (SELECT 1 FROM credits cr WHERE cr.assignment_id = a.id) ORDER BY a.id
                    """).map { try $0.decode(Int64.self) }
            }
            let pl1 = try await sales("PL-0001")
            let plumber = Browser(client)
            try await plumber.login(ServerHarness.owner("PL-0001"))
            // From the page: a credit request with its reason, and a won job.
            #expect(try await plumber.post("/me/leads/\(pl1[0])/credit", ["reason": "not_plumbing"], csrfFrom: "/me").status == .seeOther)
            #expect(try await plumber.post("/me/leads/\(pl1[0])/credit", ["reason": "made_up"], csrfFrom: "/me").status == .badRequest)
            #expect(try await plumber.post("/me/leads/\(pl1[1])/won", csrfFrom: "/me").status == .seeOther)
            // From a digest's link: a wrong number.
            let link = harness.services.links.link(.wrongNumber, subject: pl1[2], expires: harness.clock.date.addingTimeInterval(86_400))
            let browser = Browser(client)
            _ = try await browser.get(link.path + "?" + (link.query ?? ""))
            #expect(try await browser.post("/l/confirm", csrfFrom: "/l/confirm").status == .ok)
            // PL-0003's mailbox unsubscribes.
            let pl3 = try await harness.database.rows("SELECT id FROM plumbers WHERE external_id = 'PL-0003'")[0].decode(Int64.self)
            let unsubscribe = harness.services.links.link(.unsubscribe, subject: pl3, expires: harness.clock.date.addingTimeInterval(86_400))
            #expect(try await Browser(client).request(.post, unsubscribe.path + "?" + (unsubscribe.query ?? ""), form: ["List-Unsubscribe": "One-Click"]).status == .ok)

            try await harness.runPipeline(rerun: .bill)
            let judged = try await harness.database.rows("""
                SELECT i.kind, j.outcome FROM plumber_inbox i JOIN inbox_judgements j ON j.inbox_id = i.id ORDER BY i.id
                """).map { try $0.decode((String, String).self) }
            #expect(judged.map(\.0) == ["credit_request", "won", "wrong_number", "unsubscribe"], "\(judged)")
            #expect(judged[0].1 == "accepted: the request is not a plumbing job", "\(judged[0].1)")
            #expect(judged[2].1 == "accepted: the phone number does not reach the person who asked", "\(judged[2].1)")
            #expect(judged[1].1 == "noted" && judged[3].1 == "digests stopped")
            let requests = try await harness.database.rows("SELECT count(*)::int FROM return_requests WHERE source_file = 'plumber inbox'")
            #expect(try requests[0].decode(Int.self) == 2)
            let credits = try await harness.database.rows("""
                SELECT count(*)::int FROM credits WHERE assignment_id = ANY(\([pl1[0], pl1[2]])) AND status = 'refunded'
                """)
            #expect(try credits[0].decode(Int.self) == 2, "accepted and refunded in the same run")
            let stopped = try await harness.database.rows("SELECT digest_unsubscribed_at IS NOT NULL FROM plumbers WHERE id = \(pl3)")
            #expect(try stopped[0].decode(Bool.self))
            // The next run again judges nothing twice.
            try await harness.runPipeline(rerun: .bill)
            #expect(try await harness.database.rows("SELECT count(*)::int FROM inbox_judgements")[0].decode(Int.self) == 4)
            #expect(try await harness.database.rows("SELECT count(*)::int FROM return_requests WHERE source_file = 'plumber inbox'")[0].decode(Int.self) == 2)
        }
    }
}
