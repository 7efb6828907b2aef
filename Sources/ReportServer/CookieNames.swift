import Foundation
import Hummingbird

/// The server's cookies: `__Host-` (Secure, path /, no domain: a sibling host cannot set or read
/// them), HttpOnly, SameSite=Lax.
enum Cookies {
    /// The session's token.
    static let session = "__Host-plumberleads"
    /// The anonymous forms' CSRF token (login, invites, signed links).
    static let csrf = "__Host-plumberleads-csrf"
    /// A signed link's query, moved out of the URL before its confirmation page.
    static let link = "__Host-plumberleads-link"

    static func make(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }

    /// An instruction to the browser to forget `name`.
    static func clear(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }
}
