import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
@testable import ReportServer
import Store
import Testing
import TestSupport

/// Who may open what, route by route: generated from the server's own route table, so a new route
/// without a rule here fails.
@Suite struct AccessMatrixTests {
    /// A concrete URL for each route path, with ids that exist in the fixtures (filled per plumber below).
    static func sample(_ rule: RouteRule, day: String, sale: Int64) -> String {
        rule.path.replacingOccurrences(of: ":date", with: day).replacingOccurrences(of: ":sale", with: String(sale))
            .replacingOccurrences(of: ":action", with: "won")
    }

    @Test func everyRouteRefusesTheWrongRoleAndEveryPlumberSeesOnlyTheirOwn() async throws {
        try await ServerHarness.with(seeded: true) { harness, client in
            let rules = harness.app.rules
            #expect(Set(rules.map(\.access)) == Set(Access.allCases))
            // Two plumbers with leads on the second day, and one sale of each.
            let sales = try await harness.database.rows("""
                SELECT p.external_id, min(a.id) FROM assignments a JOIN plumbers p ON p.id = a.plumber_id
                JOIN charges c ON c.assignment_id = a.id AND c.status = 'succeeded' AND c.business_date = '2026-11-24'
                GROUP BY p.external_id ORDER BY p.external_id
                """).map { try $0.decode((String, Int64).self) }
            let (alice, bob) = (sales[0], sales[1])
            let anonymous = Browser(client)
            let admin = Browser(client)
            #expect(try await admin.login(ServerHarness.admin).headers[.location] == "/")
            let plumber = Browser(client)
            #expect(try await plumber.login(ServerHarness.owner(alice.0)).headers[.location] == "/")
            var checked = 0
            for rule in rules {
                let url = Self.sample(rule, day: "2026-11-24", sale: alice.1)
                let request: (Browser) async throws -> TestResponse = { browser in
                    rule.method == .get ? try await browser.get(url) : try await browser.request(rule.method, url, form: [:])
                }
                switch rule.access {
                case .anyone:
                    continue
                case .admin, .adminOrLocal:
                    let answer = try await request(anonymous)
                    #expect(rule.method == .get ? answer.headers[.location] == "/login" : answer.status == .forbidden, "\(rule.path) anonymous")
                    #expect(try await request(plumber).status == .forbidden, "\(rule.path) as a plumber")
                case .plumber:
                    let answer = try await request(anonymous)
                    #expect(rule.method == .get ? answer.headers[.location] == "/login" : answer.status == .forbidden, "\(rule.path) anonymous")
                    #expect(try await request(admin).status == .forbidden, "\(rule.path) as an admin")
                }
                checked += 1
            }
            #expect(checked == rules.filter { $0.access != .anyone }.count)

            // Alice's own pages open; Bob's day, sale and an unknown day are the same "not found" as a page that does not exist.
            #expect(try await plumber.get("/me/days/2026-11-24").status == .ok)
            let missing = try await plumber.get("/no/such/page")
            #expect(missing.status == .notFound)
            let notFoundBody = String(buffer: missing.body)
            let bobs = Browser(client)
            try await bobs.login(ServerHarness.owner(bob.0))
            let bobDays = try await harness.database.rows("""
                SELECT DISTINCT c.business_date::text FROM charges c JOIN plumbers p ON p.id = c.plumber_id
                WHERE p.external_id = \(bob.0) AND c.status = 'succeeded'
                """).map { try $0.decode(String.self) }
            let aliceDays = try await harness.database.rows("""
                SELECT DISTINCT c.business_date::text FROM charges c JOIN plumbers p ON p.id = c.plumber_id
                WHERE p.external_id = \(alice.0) AND c.status = 'succeeded'
                """).map { try $0.decode(String.self) }
            for day in ["2026-11-22", "2099-01-01", "not-a-date"] + bobDays.filter { !aliceDays.contains($0) } {
                let answer = try await plumber.get("/me/days/\(day)")
                #expect(answer.status == .notFound && String(buffer: answer.body) == notFoundBody, "day \(day)")
            }
            // Another plumber's sale through the page's form: not found, and nothing recorded.
            let before = try await harness.database.rows("SELECT count(*)::int FROM plumber_inbox")[0].decode(Int.self)
            let forged = try await plumber.post("/me/leads/\(bob.1)/won", csrfFrom: "/me")
            #expect(forged.status == .notFound)
            let own = try await plumber.post("/me/leads/\(alice.1)/won", csrfFrom: "/me")
            #expect(own.status == .seeOther)
            #expect(try await harness.database.rows("SELECT count(*)::int FROM plumber_inbox")[0].decode(Int.self) == before + 1)
            // The statement is the plumber's own.
            let statement = String(buffer: try await plumber.get("/me/statement").body)
            #expect(statement.contains("Statement"))
        }
    }
}
