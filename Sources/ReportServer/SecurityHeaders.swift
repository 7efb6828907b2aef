import Foundation
import HTTPTypes
import Hummingbird

/// The headers every response carries, errors and the stylesheet included: a CSP that allows no
/// script, no inline style and no framing; HSTS; no sniffing; no referrer beyond the origin; and
/// `no-store` on everything (pages show personal data). Outermost, so nothing escapes it.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        response.headers[.server] = nil
        return response
    }
}
