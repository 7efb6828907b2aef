import Foundation
import Hummingbird
import LeadModel
import Logging
import Reports
import SignedLinks
import Store

/// `plumberleads serve`: the read-only report server. Every route is listed in `routes`, each with its
/// access; the middlewares put the security headers on every response, find the session, and turn
/// errors into pages that say nothing of ours.
public struct ReportServerApp: Sendable {
    public let services: ServerServices

    public init(services: ServerServices) {
        self.services = services
    }

    /// Every route the server answers, with who may open it.
    var routes: [Route] {
        let home = Route(.get, "/", .anyone) { _, context in
            switch context.identity?.role {
            case .admin: HTMLResponse.redirect("/admin")
            case .plumber: HTMLResponse.redirect("/me")
            case nil: HTMLResponse.redirect("/login")
            }
        }
        let health = Route(.get, "/healthz", .anyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        let css = services.pages.css
        let stylesheet = Route(.get, "/static/site.css", .anyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: css)))
        }
        let metrics = services.metrics
        let scrape = Route(.get, "/metrics", .adminOrLocal) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.text)))
        }
        return [home, health, stylesheet, scrape] + AuthRoutes(services: services).routes + AdminRoutes(services: services).routes
            + PlumberRoutes(services: services).routes + LinkRoutes(services: services).routes
    }

    /// The route table, for the access tests and the docs.
    public var rules: [RouteRule] { routes.map(\.rule) }

    /// The router with the middlewares and every route.
    public func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: SecurityHeaders<ServerContext>())
        router.add(middleware: MetricsMiddleware(metrics: services.metrics))
        router.add(middleware: ErrorPages(pages: services.pages, logger: services.logger))
        router.add(middleware: SessionMiddleware(services: services))
        router.add(middleware: ErrorPages(pages: services.pages, logger: services.logger))
        for route in routes {
            let (access, handler) = (route.rule.access, route.handler)
            router.on(RouterPath(route.rule.path), method: route.rule.method) { request, context -> Response in
                if let answer = try access.check(context, request: request) { return answer }
                return try await handler(request, context)
            }
        }
        return router
    }

    /// Serves on `host`:`port` until SIGINT or SIGTERM: the pages from `templates`, a pool of
    /// `connections` to `url`, links checked with `cipher`'s link key.
    public static func serve(
        url: DatabaseURL, cipher: PIICipher, templates: URL, publicURL: URL, returnReasons: [String: String], host: String, port: Int,
        connections: Int, trustedProxies: Set<String>, logger: Logger
    ) async throws {
        let services = ServerServices(
            pool: DatabasePool(url: url, connections: connections, logger: logger), cipher: cipher, pages: try await PageRenderer(directory: templates),
            links: LinkSigner(key: cipher.linkKey, base: publicURL), returnReasons: returnReasons, trustedProxies: trustedProxies, logger: logger)
        try await ReportServerApp(services: services).application(host: host, port: port).runService()
    }

    /// The application listening on `host`:`port`, with the database pool as a service.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        var app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: services.logger)
        app.addServices(services.pool.client)
        return app
    }
}
