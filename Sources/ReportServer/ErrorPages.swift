import Foundation
import Hummingbird
import LeadModel
import Logging
import Reports

/// Turns every error into an HTML page with its status and no detail of ours: a page that does not
/// exist and one that is someone else's get the same 404 body, so ids cannot be probed.
struct ErrorPages: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return page(error.status, context: context)
        } catch let error as any HTTPResponseError {
            return page(error.status, context: context)
        } catch {
            // The path only: a query may hold a signed link's token.
            logger.error("server: \(request.method) \(request.uri.path) failed: \(error)")
            return page(.internalServerError, context: context)
        }
    }

    func page(_ status: HTTPResponse.Status, context: ServerContext) -> Response {
        let (heading, detail): (String, String) = switch status.code {
        case 404: ("Page not found", "There is no such page, or it is not yours to see.")
        case 403: ("Not for this account", "Your account cannot open this page.")
        case 400: ("That did not work", "The request was not understood. Go back, reload the page and try again.")
        case 405: ("Page not found", "There is no such page, or it is not yours to see.")
        case 429: ("Too many attempts", "Wait a while, then try again.")
        default: ("Something went wrong", "The page could not be shown. Try again in a moment.")
        }
        let audience: PageRenderer.Audience = context.identity.map { $0.role == .admin ? .admin : .plumber } ?? .anonymous
        let html = pages.render(.error, title: heading, audience: audience, csrf: context.csrf, context: ["heading": heading, "detail": detail])
        return HTMLResponse.make(html, status: status.code == 405 ? .notFound : status)
    }
}

/// HTML responses.
enum HTMLResponse {
    static func make(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `location` (after a form, or to move a token out of the URL).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
