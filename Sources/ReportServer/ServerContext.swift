import Foundation
import Hummingbird

/// A request's context: Hummingbird's core, who is signed in, and the anonymous CSRF cookie.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `SessionMiddleware`.
    public var identity: Identity?
    /// The token the page's forms must send back: derived from the session when signed in, else the
    /// `__Host-plumberleads-csrf` cookie's (set when missing).
    public var csrf: String = ""
    /// A new anonymous CSRF cookie to set on the response.
    var newCSRFCookie: String?
    /// The peer's address (the proxy's, behind one), for throttling failed logins.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
