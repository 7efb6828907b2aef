import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import HummingbirdTesting
import LeadModel
@testable import ReportServer
import Store
import Testing
import TestSupport

/// Logging in, sessions and their limits, CSRF, throttling.
@Suite struct LoginTests {
    @Test func aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let wrong = try await Browser(client).login(ServerHarness.admin, password: "not the password at all")
            let unknown = try await Browser(client).login("nobody@plumberleads.example", password: "not the password at all")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            let message = "That email and password do not match an account."
            #expect(String(buffer: wrong.body).contains(message) && String(buffer: unknown.body).contains(message))
            #expect(wrong.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("__Host-plumberleads=") })
        }
    }

    @Test func aLoginSetsAHostOnlySecureSessionCookieWithANewTokenEachTime() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            let first = try await browser.login(ServerHarness.admin)
            let cookie = try #require(first.headers[values: .setCookie].first { $0.hasPrefix("__Host-plumberleads=") })
            for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"] { #expect(cookie.contains(attribute), "\(attribute) in \(cookie)") }
            #expect(!cookie.lowercased().contains("domain="))
            let token = browser.cookies["__Host-plumberleads"]
            #expect(try await browser.get("/admin").status == .ok)
            // Logging in again, even over a live session (one an attacker fixed, say), gets a new token.
            let again = try await browser.post("/login", ["email": ServerHarness.admin, "password": ServerHarness.password], csrfFrom: "/admin")
            #expect(again.headers[.location] == "/")
            #expect(browser.cookies["__Host-plumberleads"] != nil && browser.cookies["__Host-plumberleads"] != token)
            // Only a hash of the token is stored.
            let stored = try await harness.database.rows("SELECT count(*)::int FROM server_sessions WHERE token_hash = \(Data((token ?? "").utf8))")
            #expect(try stored[0].decode(Int.self) == 0)
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            try await browser.login(ServerHarness.admin)
            let token = try #require(browser.cookies["__Host-plumberleads"])
            #expect(try await browser.post("/logout", csrfFrom: "/admin").headers[.location] == "/login")
            let replay = Browser(client)
            replay.set("__Host-plumberleads", token)
            #expect(try await replay.get("/admin").headers[.location] == "/login", "the old cookie no longer works")
        }
    }

    @Test func sessionsEndAfterThirtyIdleMinutesAndTwelveHoursInAll() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let idle = Browser(client)
            try await idle.login(ServerHarness.admin)
            harness.clock.advance(29 * 60)
            #expect(try await idle.get("/admin").status == .ok)
            harness.clock.advance(29 * 60)
            #expect(try await idle.get("/admin").status == .ok, "used 29 minutes ago")
            harness.clock.advance(31 * 60)
            #expect(try await idle.get("/admin").headers[.location] == "/login", "idle 31 minutes")

            let busy = Browser(client)
            try await busy.login(ServerHarness.admin)
            for _ in 0..<25 {
                harness.clock.advance(28 * 60)
                #expect(try await busy.get("/admin").status == .ok)
            }
            // 26 × 28 minutes is past 12 hours: the session ends though it was never idle.
            harness.clock.advance(28 * 60)
            #expect(try await busy.get("/admin").headers[.location] == "/login")
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            try await browser.login(ServerHarness.admin)
            #expect(try await browser.request(.post, "/logout", form: ["csrf": "forged"]).status == .badRequest)
            #expect(try await browser.get("/admin").status == .ok, "still signed in")
            let login = try await Browser(client).request(.post, "/login", form: ["email": ServerHarness.admin, "password": ServerHarness.password])
            #expect(login.status == .badRequest, "a login form posted from elsewhere")
        }
    }

    @Test func failedLoginsAreThrottledPerAccountEvenWithTheRightPassword() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let attacker = Browser(client)
            for _ in 0..<harness.services.throttle.perAccount {
                #expect(try await attacker.login(ServerHarness.admin, password: "guessing the password").status == .unauthorized)
            }
            let owner = Browser(client)
            let refused = try await owner.login(ServerHarness.admin)
            #expect(refused.status == .tooManyRequests, "the account is locked for the hour, whoever asks")
            harness.clock.advance(3601)
            #expect(try await owner.login(ServerHarness.admin).headers[.location] == "/")
        }
    }

    @Test("failed logins count per client address: the forwarded one behind a trusted proxy, never one a client claims", arguments: [true, false])
    func failuresCountPerAddress(trusted: Bool) async throws {
        // In these tests every request comes from the same peer ("unknown"); trusting it as a proxy makes its X-Forwarded-For count.
        try await ServerHarness.with(seeded: false, throttle: LoginThrottle(perAccount: 3, perAddress: 5), trustedProxies: trusted ? ["unknown"] : []) { harness, client in
            func login(_ email: String, password: String, from address: String) async throws -> TestResponse {
                let browser = Browser(client)
                let html = String(buffer: try await browser.get("/login").body)
                return try await browser.request(
                    .post, "/login", form: ["csrf": Browser.csrf(in: html) ?? "", "email": email, "password": password],
                    headers: [.init("X-Forwarded-For")!: address])
            }
            for email in [ServerHarness.admin, ServerHarness.admin, ServerHarness.admin, ServerHarness.owner("PL-0001"), ServerHarness.owner("PL-0001")] {
                #expect(try await login(email, password: "a wrong password guess", from: "203.0.113.7").status == .unauthorized)
            }
            #expect(try await login(ServerHarness.owner("PL-0002"), password: ServerHarness.password, from: "203.0.113.7").status == .tooManyRequests)
            let elsewhere = try await login(ServerHarness.owner("PL-0002"), password: ServerHarness.password, from: "198.51.100.9")
            #expect(elsewhere.status == (trusted ? .seeOther : .tooManyRequests), "a client's own X-Forwarded-For is ignored unless its peer is a trusted proxy")
        }
    }

    @Test func aDisabledAccountLosesItsSessionsWithinSeconds() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            try await browser.login(ServerHarness.owner("PL-0002"))
            #expect(try await browser.get("/me").status == .ok)
            #expect(try await Accounts(pool: harness.services.pool, cipher: harness.services.cipher).disable(email: ServerHarness.owner("PL-0002"), now: harness.clock.date))
            // `users disable` runs in another process: the server honours it once its cached session lapses.
            harness.clock.advance(ServerCaches.lifetime)
            #expect(try await browser.get("/me").headers[.location] == "/login")
            #expect(try await Browser(client).login(ServerHarness.owner("PL-0002")).status == .unauthorized)
        }
    }

    @Test func anInviteWorksOnceAndItsTokenLeavesTheURL() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let accounts = Accounts(pool: harness.services.pool, cipher: harness.services.cipher, cost: 4)
            try await accounts.add(email: "new.admin@plumberleads.example", role: .admin, plumber: nil)
            let link = try await accounts.invite(email: "new.admin@plumberleads.example", base: URL(string: "https://leads.example")!, now: harness.clock.date)
            let path = link.path + "?" + (link.query ?? "")
            let browser = Browser(client)
            let moved = try await browser.get(path)
            #expect(moved.headers[.location] == "/invite", "the token leaves the URL")
            #expect(try await browser.get("/invite").status == .ok)
            #expect(try await browser.post("/invite", ["password": "password1234"], csrfFrom: "/invite").status == .badRequest, "a common password")
            #expect(try await browser.post("/invite", ["password": "short"], csrfFrom: "/invite").status == .badRequest)
            let set = try await browser.post("/invite", ["password": "a long and uncommon phrase"], csrfFrom: "/invite")
            #expect(set.headers[.location] == "/")
            #expect(try await browser.get("/admin").status == .ok)
            let replay = Browser(client)
            _ = try await replay.get(path)
            #expect(try await replay.get("/invite").status == .notFound, "used once already")
            #expect(try await Browser(client).login("new.admin@plumberleads.example", password: "a long and uncommon phrase").headers[.location] == "/")
        }
    }
}
