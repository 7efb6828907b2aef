import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import LeadModel
import Store

/// Finds who is signed in: the session cookie's token, looked up by its hash, live under the session
/// policy and with its account enabled. A session found is kept a few seconds (`ServerCaches`): its
/// limits are checked on every request all the same, a logout here drops it at once, and a logout or a
/// disabled account in another process is honoured when the entry lapses. Sets the page's CSRF token (derived from the session, or the
/// anonymous cookie's, which it sets when missing). A session past a limit is ended and its cookie
/// cleared.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let services: ServerServices

    /// Sessions are marked used at most this often (the idle limit is 30 minutes).
    static let touchEvery: TimeInterval = 60

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if services.trustedProxies.contains(context.clientAddress),
           let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            context.clientAddress = forwarded
        }
        var clearSession = false
        if let token = request.cookies[Cookies.session]?.value, !token.isEmpty {
            let hash = Tokens.hash(token)
            let now = services.clock()
            let identity: Identity?
            if let cached = services.caches.sessions.get(hash, now: now),
               services.sessions.isLive(created: cached.createdAt, lastSeen: cached.lastSeenAt, now: now),
               now.timeIntervalSince(cached.lastSeenAt) < Self.touchEvery {
                identity = cached.identity
            } else {
                let found = try await services.pool.withSession { session -> CachedSession? in
                    let sessions = SessionRepository(session)
                    guard let stored = try await sessions.find(tokenHash: hash), !stored.ended, !stored.accountDisabled else { return nil }
                    guard services.sessions.isLive(created: stored.createdAt, lastSeen: stored.lastSeenAt, now: now) else {
                        try await sessions.end(tokenHash: hash, at: now)
                        return nil
                    }
                    guard let account = try await AccountRepository(session, cipher: services.cipher).find(id: stored.userID) else { return nil }
                    var lastSeen = stored.lastSeenAt
                    if now.timeIntervalSince(lastSeen) >= Self.touchEvery {
                        try await sessions.touch(tokenHash: hash, at: now)
                        lastSeen = now
                    }
                    let identity = Identity(
                        accountID: account.id, email: account.email, role: account.role, plumberID: account.plumberID,
                        plumberExternalID: account.plumberExternalID, tokenHash: hash)
                    return CachedSession(identity: identity, createdAt: stored.createdAt, lastSeenAt: lastSeen)
                }
                if let found { services.caches.sessions.set(hash, found, now: now) } else { services.caches.sessions.remove(hash) }
                identity = found?.identity
            }
            context.identity = identity
            clearSession = identity == nil
        }
        if let identity = context.identity {
            context.csrf = CSRF.token(for: identity.tokenHash, key: services.cipher.linkKey)
        } else if let cookie = request.cookies[Cookies.csrf]?.value, cookie.count == 43 {
            context.csrf = cookie
        } else {
            context.csrf = Tokens.random()
            context.newCSRFCookie = context.csrf
        }
        var response = try await next(request, context)
        if clearSession { response.setCookie(Cookies.clear(Cookies.session)) }
        if let csrf = context.newCSRFCookie { response.setCookie(Cookies.make(Cookies.csrf, csrf)) }
        return response
    }
}

/// A session as the cache keeps it: who, and the times its limits count from.
struct CachedSession: Sendable {
    var identity: Identity
    var createdAt: Date
    var lastSeenAt: Date
}

/// The CSRF token of a signed-in session: an HMAC of its token's hash, so it needs no storage and
/// changes with every login.
enum CSRF {
    static func token(for tokenHash: Data, key: Secret) -> String {
        let derived = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("csrf".utf8), using: SymmetricKey(data: Data(key.exposed.utf8)))))
        return Tokens.base64URL(Data(HMAC<SHA256>.authenticationCode(for: tokenHash, using: derived)))
    }

    /// Whether a form's `csrf` field is the page's token.
    static func check(_ form: [String: String], context: ServerContext) throws {
        guard let sent = form["csrf"], !context.csrf.isEmpty, Tokens.same(sent, context.csrf) else { throw HTTPError(.badRequest) }
    }
}
