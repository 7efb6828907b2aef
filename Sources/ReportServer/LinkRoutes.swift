import Foundation
import Hummingbird
import LeadModel
import Reports
import SignedLinks
import Store

/// The signed links of digests. Following one records nothing by itself (mail scanners follow links):
/// the link's token moves into a cookie and out of the URL (so no log or referrer keeps it), a page
/// asks to confirm, and the confirming POST lands in the plumbers' inbox. A mailbox's one-click
/// unsubscribe (RFC 8058) is a POST to the link itself, with no cookie and no login.
struct LinkRoutes {
    let services: ServerServices

    var routes: [Route] {
        LinkAction.allCases.map { action in Route(.get, "/l/\(action.rawValue)", .anyone) { request, _ in try await follow(action, request) } }
            + [
                Route(.get, "/l/confirm", .anyone, confirmPage),
                Route(.post, "/l/confirm", .anyone, confirm),
                Route(.post, "/l/unsubscribe", .anyone, oneClick),
            ]
    }

    /// The link at `request`, checked: signature, expiry, and (for a lead) a sale that exists.
    func verify(_ action: LinkAction, query: String) -> SignedLink? {
        guard var components = URLComponents(url: services.links.base, resolvingAgainstBaseURL: false) else { return nil }
        components.percentEncodedPath = "/l/\(action.rawValue)"
        components.percentEncodedQuery = query
        guard let url = components.url, case .success(let link) = services.links.verify(url, now: services.clock()), link.action == action else { return nil }
        return link
    }

    func refused() -> HTTPError { HTTPError(.notFound) }

    @Sendable func follow(_ action: LinkAction, _ request: Request) async throws -> Response {
        let query = request.uri.query ?? ""
        guard verify(action, query: query) != nil else { throw refused() }
        var response = HTMLResponse.redirect("/l/confirm")
        response.setCookie(Cookies.make(Cookies.link, "\(action.rawValue).\(Data(query.utf8).base64EncodedString())", maxAge: 1800))
        return response
    }

    /// The link the cookie holds, checked again.
    func pending(_ request: Request) -> SignedLink? {
        guard let value = request.cookies[Cookies.link]?.value, let dot = value.firstIndex(of: "."),
              let action = LinkAction(rawValue: String(value[..<dot])),
              let data = Data(base64Encoded: String(value[value.index(after: dot)...])), let query = String(data: data, encoding: .utf8)
        else { return nil }
        return verify(action, query: query)
    }

    /// Whose the link is: the plumber row an unsubscribe names, or the buyer of the sale a lead link names.
    func owner(of link: SignedLink, in session: DatabaseSession) async throws -> Int64? {
        link.action == .unsubscribe ? try await InboxRepository(session, cipher: services.cipher).plumberExists(link.subject)
            : try await InboxRepository(session, cipher: services.cipher).buyer(ofSale: link.subject)
    }

    @Sendable func confirmPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let link = pending(request) else { throw refused() }
        let owner: Int64? = try await services.pool.withSession { session in try await self.owner(of: link, in: session) }
        guard let owner, Self.mayUse(owner, context) else { throw refused() }
        let (heading, detail, button): (String, String, String) = switch link.action {
        case .won: ("You won the job?", "We count won jobs per campaign to buy better leads for you.", "Yes, I won it")
        case .noAnswer: ("No answer?", "We note it; if the person never answers, ask for a credit.", "Record no answer")
        case .wrongNumber: ("Wrong number?", "The next run checks the number; an unverified one is credited automatically.", "Report the wrong number")
        case .credit: ("Ask for a credit?", "The next run judges the request by the published return rules.", "Ask for the credit")
        case .unsubscribe: ("Unsubscribe from lead digests?", "Your leads stay on your page; you can ask us to start digests again.", "Unsubscribe")
        }
        let audience: PageRenderer.Audience = context.identity.map { $0.role == .admin ? .admin : .plumber } ?? .anonymous
        var values: [String: Any] = ["heading": heading, "detail": detail, "button": button]
        if link.action == .credit { (values["reasons"], values["hasReasons"]) = (services.reasonOptions, !services.returnReasons.isEmpty) }
        return HTMLResponse.make(services.pages.render(.link, title: heading, audience: audience, csrf: context.csrf, context: values))
    }

    /// A signed-in plumber may only use their own links (an admin or someone not signed in may follow any:
    /// the signature is the authority).
    static func mayUse(_ owner: Int64, _ context: ServerContext) -> Bool {
        guard let identity = context.identity, identity.role == .plumber else { return true }
        return identity.plumberID == owner
    }

    @Sendable func confirm(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        try CSRF.check(form, context: context)
        guard let link = pending(request) else { throw refused() }
        let reason = link.action == .credit ? try services.reasonCode(form) : nil
        let recorded = try await services.pool.withSession { session -> Bool in
            guard let owner = try await owner(of: link, in: session), Self.mayUse(owner, context) else { return false }
            _ = try await InboxRepository(session, cipher: services.cipher).append(
                plumberID: owner, kind: link.action.inboxKind, assignmentID: link.action == .unsubscribe ? nil : link.subject, via: .link,
                linkExpires: link.expires, reasonCode: reason, note: nil, at: services.clock())
            return true
        }
        guard recorded else { throw refused() }
        let detail = link.action == .unsubscribe
            ? "No more digests from the next run on. Your leads stay on your page."
            : "Thank you. The next run takes it into account."
        var response = HTMLResponse.make(services.pages.render(
            .message, title: "Recorded", audience: context.identity == nil ? .anonymous : (context.identity?.role == .admin ? .admin : .plumber),
            csrf: context.csrf, context: ["heading": "Recorded", "detail": detail]))
        response.setCookie(Cookies.clear(Cookies.link))
        return response
    }

    /// RFC 8058: `POST` to the List-Unsubscribe URL with `List-Unsubscribe=One-Click`.
    @Sendable func oneClick(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        guard form["List-Unsubscribe"] == "One-Click", let link = verify(.unsubscribe, query: request.uri.query ?? "") else { throw refused() }
        let done = try await services.pool.withSession { session -> Bool in
            guard let owner = try await owner(of: link, in: session) else { return false }
            _ = try await InboxRepository(session, cipher: services.cipher).append(
                plumberID: owner, kind: .unsubscribe, assignmentID: nil, via: .oneClick, linkExpires: link.expires, note: nil, at: services.clock())
            return true
        }
        guard done else { throw refused() }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "unsubscribed\n")))
    }
}
