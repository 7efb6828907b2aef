import Foundation
import Hummingbird
import LeadModel

/// Who may open a route. Plumber routes also check ownership themselves: their ids come from the
/// session, and an id in the URL is looked up within the plumber's own rows (another's is "not found").
public enum Access: String, Sendable, CaseIterable {
    /// Anyone: the login page, `/healthz`, the stylesheet, signed links (the signature is the authority).
    case anyone
    /// A signed-in admin.
    case admin
    /// A signed-in plumber, for their own data only.
    case plumber
    /// A signed-in admin, or a request from this machine (a metrics scraper on the loopback).
    case adminOrLocal

    /// Lets the request through, or answers for the route: the login page for someone not signed in,
    /// 403 for the wrong role.
    func check(_ context: ServerContext, request: Request) throws -> Response? {
        guard self != .anyone else { return nil }
        if self == .adminOrLocal, ["127.0.0.1", "::1"].contains(context.clientAddress) { return nil }
        guard let identity = context.identity else {
            if request.method == .get { return HTMLResponse.redirect("/login") }
            throw HTTPError(.forbidden)
        }
        switch (self, identity.role) {
        case (.admin, .admin), (.adminOrLocal, .admin), (.plumber, .plumber): return nil
        default: throw HTTPError(.forbidden)
        }
    }
}

/// One route: method, path and who may open it. `ReportServerApp.routes` lists every route the server
/// answers, each with its access, in one place.
public struct RouteRule: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: Access
}

/// A route and what answers it.
struct Route: Sendable {
    var rule: RouteRule
    var handler: @Sendable (Request, ServerContext) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ access: Access, _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response) {
        rule = RouteRule(method: method, path: path, access: access)
        self.handler = handler
    }
}
