import Foundation
import Hummingbird
import HummingbirdBcrypt
import LeadModel
import Logging
import Reports
import Store

/// Logging in and out, and choosing a password from an invite.
struct AuthRoutes {
    let services: ServerServices

    /// A hash to check against when the account does not exist, so an unknown email costs the same
    /// time as a wrong password.
    static let decoy = Bcrypt.hash("decoy password that matches nothing", cost: 12)

    var routes: [Route] {
        [
            Route(.get, "/login", .anyone) { _, context in
                if context.identity != nil { return HTMLResponse.redirect("/") }
                return loginPage(context, message: nil, email: "")
            },
            Route(.post, "/login", .anyone, login),
            Route(.post, "/logout", .anyone, logout),
            Route(.get, "/invite", .anyone, invitePage),
            Route(.post, "/invite", .anyone, acceptInvite),
        ]
    }

    func loginPage(_ context: ServerContext, message: String?, email: String, status: HTTPResponse.Status = .ok) -> Response {
        var page: [String: Any] = ["email": email]
        if let message { page["message"] = message }
        return HTMLResponse.make(services.pages.render(.login, title: "Log in", audience: .anonymous, csrf: context.csrf, context: page), status: status)
    }

    @Sendable func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        try CSRF.check(form, context: context)
        let email = form["email"] ?? "", password = form["password"] ?? ""
        let now = services.clock()
        let account = services.cipher.blindIndex("login:" + AccountRepository.normalized(email))
        let address = services.cipher.blindIndex("address:" + context.clientAddress)
        let failures = try await services.pool.withSession {
            try await LoginFailureRepository($0).counts(account: account, address: address, since: now.addingTimeInterval(-services.throttle.window))
        }
        guard services.throttle.allows(accountFailures: failures.account, addressFailures: failures.address) else {
            services.logger.warning("server: login throttled (\(failures.account) failures for the account, \(failures.address) from the address this hour)")
            return loginPage(context, message: "Too many failed attempts. Wait an hour, or ask an admin to help.", email: email, status: .tooManyRequests)
        }
        let found = try await services.pool.withSession { try await AccountRepository($0, cipher: services.cipher).find(email: email) }
        let hash = found.flatMap { $0.disabled ? nil : $0.passwordHash }
        let matches = password.utf8.count <= PasswordPolicy.maximumBytes && Bcrypt.verify(password, hash: hash ?? Self.decoy)
        guard let found, hash != nil, matches else {
            try await services.pool.withSession { try await LoginFailureRepository($0).record(account: account, address: address, at: now) }
            return loginPage(context, message: "That email and password do not match an account.", email: email, status: .unauthorized)
        }
        try await services.pool.withSession { try await LoginFailureRepository($0).clear(account: account) }
        return try await startSession(for: found.id, at: now)
    }

    /// A new session (a new token at every login) and its cookie; then the start page.
    func startSession(for accountID: Int64, at now: Date) async throws -> Response {
        let token = Tokens.random()
        try await services.pool.withSession { try await SessionRepository($0).create(tokenHash: Tokens.hash(token), userID: accountID, at: now) }
        var response = HTMLResponse.redirect("/")
        response.setCookie(Cookies.make(Cookies.session, token))
        return response
    }

    @Sendable func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        try CSRF.check(form, context: context)
        if let identity = context.identity {
            try await services.pool.withSession { try await SessionRepository($0).end(tokenHash: identity.tokenHash, at: services.clock()) }
            services.caches.sessions.remove(identity.tokenHash)
        }
        var response = HTMLResponse.redirect("/login")
        response.setCookie(Cookies.clear(Cookies.session))
        return response
    }

    /// An invite link (`/invite?t=…`): its token moves into a cookie and out of the URL, then the page
    /// asks for a password.
    @Sendable func invitePage(_ request: Request, _ context: ServerContext) async throws -> Response {
        if let token = request.uri.queryParameters.get("t") {
            var response = HTMLResponse.redirect("/invite")
            response.setCookie(Cookies.make(Cookies.link, "invite." + token, maxAge: 3600))
            return response
        }
        guard let (_, account) = try await pendingInvite(request) else { throw HTTPError(.notFound) }
        return invitePage(context, email: account.email, message: nil)
    }

    func invitePage(_ context: ServerContext, email: String, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        var page: [String: Any] = ["email": email]
        if let message { page["message"] = message }
        return HTMLResponse.make(services.pages.render(.invite, title: "Choose your password", audience: .anonymous, csrf: context.csrf, context: page), status: status)
    }

    /// The invite the cookie holds, if it is unused and unexpired, with its account.
    func pendingInvite(_ request: Request) async throws -> (token: String, account: AccountRepository.Account)? {
        guard let value = request.cookies[Cookies.link]?.value, value.hasPrefix("invite.") else { return nil }
        let token = String(value.dropFirst("invite.".count))
        return try await services.pool.withSession { session in
            guard let id = try await InviteRepository(session).pending(tokenHash: Tokens.hash(token), at: services.clock()),
                  let account = try await AccountRepository(session, cipher: services.cipher).find(id: id), !account.disabled
            else { return nil }
            return (token, account)
        }
    }

    @Sendable func acceptInvite(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        try CSRF.check(form, context: context)
        guard let (token, account) = try await pendingInvite(request) else { throw HTTPError(.notFound) }
        let password = form["password"] ?? ""
        if let problem = PasswordPolicy.problem(with: password) {
            return invitePage(context, email: account.email, message: problem.prefix(1).uppercased() + problem.dropFirst() + ".", status: .badRequest)
        }
        let hash = Bcrypt.hash(password, cost: services.bcryptCost)
        let now = services.clock()
        let redeemed = try await services.pool.withTransaction { session -> Bool in
            guard try await InviteRepository(session).redeem(tokenHash: Tokens.hash(token), at: now) == account.id else { return false }
            try await AccountRepository(session, cipher: services.cipher).setPasswordHash(hash, for: account.id)
            return true
        }
        guard redeemed else { throw HTTPError(.notFound) }
        var response = try await startSession(for: account.id, at: now)
        response.setCookie(Cookies.clear(Cookies.link))
        return response
    }
}
