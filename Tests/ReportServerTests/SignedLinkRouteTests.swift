import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import HummingbirdTesting
import LeadModel
@testable import ReportServer
import SignedLinks
import Store
import Testing
import TestSupport

/// The digests' signed links on the server: following one records nothing until confirmed, the token
/// leaves the URL, and a link that is altered, expired or someone else's is refused.
@Suite struct SignedLinkRouteTests {
    func sale(of plumber: String, _ harness: ServerHarness) async throws -> (sale: Int64, plumberRow: Int64) {
        try await harness.database.rows("""
            SELECT min(a.id), p.id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE p.external_id = \(plumber) GROUP BY p.id
            """)[0].decode((Int64, Int64).self)
    }

    func path(_ url: URL) -> String { url.path + "?" + (url.query ?? "") }

    func inbox(_ harness: ServerHarness) async throws -> [(String, String, Int64?)] {
        try await harness.database.rows("SELECT kind, via, assignment_id FROM plumber_inbox ORDER BY id").map { try $0.decode((String, String, Int64?).self) }
    }

    @Test func aLinkIsConfirmedBeforeItCountsAndItsTokenLeavesTheURL() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            let (sale, _) = try await sale(of: "PL-0001", harness)
            let link = harness.services.links.link(.wrongNumber, subject: sale, expires: harness.clock.date.addingTimeInterval(86_400))
            let browser = Browser(client)
            let followed = try await browser.get(path(link))
            #expect(followed.status == .seeOther && followed.headers[.location] == "/l/confirm")
            #expect(try await inbox(harness).isEmpty, "following a link (a mail scanner does) records nothing")
            let page = try await browser.get("/l/confirm")
            #expect(page.status == .ok && String(buffer: page.body).contains("Wrong number?"))
            let confirmed = try await browser.post("/l/confirm", csrfFrom: "/l/confirm")
            #expect(confirmed.status == .ok)
            #expect(try await inbox(harness).map { "\($0.0) \($0.1) \($0.2 ?? 0)" } == ["wrong_number link \(sale)"])
            let again = try await browser.request(.post, "/l/confirm", form: ["csrf": browser.cookies["__Host-plumberleads-csrf"] ?? ""])
            #expect(again.status == .notFound, "the link's cookie is gone once used")
            #expect(try await inbox(harness).count == 1)
        }
    }

    @Test func alteredExpiredAndOtherPlumbersLinksAreRefused() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            let (sale, _) = try await sale(of: "PL-0001", harness)
            let good = harness.services.links.link(.won, subject: sale, expires: harness.clock.date.addingTimeInterval(3600))
            let other = try await self.sale(of: "PL-0002", harness).sale
            let tampered = [
                path(good).replacingOccurrences(of: "s=\(sale)", with: "s=\(other)"),
                path(good).replacingOccurrences(of: "/l/won", with: "/l/credit"),
                path(good) + "&x=1", String(path(good).dropLast(2)), "/l/won?s=\(sale)&e=9999999999&sig=AAAA",
            ]
            for forged in tampered {
                #expect(try await Browser(client).get(forged).status == .notFound, "\(forged)")
            }
            harness.clock.advance(3601)
            #expect(try await Browser(client).get(path(good)).status == .notFound, "expired")
            // A signed-in plumber cannot use another plumber's link.
            let fresh = harness.services.links.link(.won, subject: sale, expires: harness.clock.date.addingTimeInterval(3600))
            let someoneElse = Browser(client)
            try await someoneElse.login(ServerHarness.owner("PL-0002"))
            #expect(try await someoneElse.get(path(fresh)).headers[.location] == "/l/confirm")
            #expect(try await someoneElse.get("/l/confirm").status == .notFound)
            #expect(try await inbox(harness).isEmpty)
        }
    }

    @Test func aMailboxUnsubscribesWithOneClickAndNoCookie() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            let (_, plumber) = try await sale(of: "PL-0003", harness)
            let link = harness.services.links.link(.unsubscribe, subject: plumber, expires: harness.clock.date.addingTimeInterval(86_400))
            let mailbox = Browser(client)
            let response = try await mailbox.request(.post, path(link), form: ["List-Unsubscribe": "One-Click"])
            #expect(response.status == .ok)
            #expect(try await inbox(harness).map { "\($0.0) \($0.1)" } == ["unsubscribe one_click"])
            #expect(try await mailbox.request(.post, path(link), form: ["List-Unsubscribe": "Yes"]).status == .notFound)
            #expect(try await mailbox.request(.post, path(link).replacingOccurrences(of: "s=\(plumber)", with: "s=1"), form: ["List-Unsubscribe": "One-Click"]).status == .notFound)
        }
    }

    @Test func theInboxIsAppendOnly() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            let (sale, plumber) = try await sale(of: "PL-0001", harness)
            _ = try await harness.services.pool.withSession {
                try await InboxRepository($0, cipher: harness.services.cipher).append(
                    plumberID: plumber, kind: .won, assignmentID: sale, via: .page, linkExpires: nil, note: nil, at: harness.clock.date)
            }
            await #expect(throws: (any Error).self) { try await harness.database.execute("UPDATE plumber_inbox SET kind = 'credit_request'") }
            await #expect(throws: (any Error).self) { try await harness.database.execute("DELETE FROM plumber_inbox") }
        }
    }
}
