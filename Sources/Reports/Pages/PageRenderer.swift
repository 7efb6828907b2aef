import Foundation
import LeadModel
import Mustache

/// Renders the report server's pages with the templates under `reports/server/`: each page's body
/// template inside one layout (`server/layout.html`), the stylesheet served on its own (`server/site.css`)
/// so no page needs an inline style and the CSP can forbid them.
public struct PageRenderer: Sendable {
    /// Every page the server renders.
    public enum Page: String, Sendable, CaseIterable {
        case login, error, message, link, invite
        case plumberDays = "plumber-days", plumberDay = "plumber-day", statement
        case adminHome = "admin-home", campaigns, runs, trace, plumbers
    }

    /// Who the page is for: what the navigation offers.
    public enum Audience: Sendable {
        case anonymous, admin, plumber
    }

    private let library: MustacheLibrary
    /// The stylesheet, served at `/static/site.css`.
    public let css: String

    public init(directory: URL) async throws {
        let library = try await TemplateFolder.load(
            directory, requiring: ["server/layout.html", "server/site.css"] + Page.allCases.map { "server/\($0.rawValue).html" })
        self.library = library
        css = library.render([String: Any](), withTemplate: "server/site.css") ?? ""
    }

    /// `page` rendered with `context`, inside the layout, titled `title`. `csrf` is the token the page's
    /// forms carry (the logout button's too).
    public func render(_ page: Page, title: String, audience: Audience, csrf: String?, context: [String: Any]) -> String {
        wrap(body(page, context: context), title: title, audience: audience, csrf: csrf)
    }

    /// A page's body, cut where the forms' CSRF token goes: the same for every viewer of the same data,
    /// so it can be kept and shown to each with their own token (`wrap`).
    public func body(_ page: Page, context: [String: Any]) -> PageBody {
        var context = context
        context["csrf"] = Self.tokenStandIn
        return PageBody(parts: Self.split(library.render(context, withTemplate: "server/\(page.rawValue).html") ?? "", at: Self.tokenStandIn))
    }

    /// A body inside the layout, titled `title`, with `csrf` in its forms.
    public func wrap(_ body: PageBody, title: String, audience: Audience, csrf: String?) -> String {
        let layout: [String: Any] = [
            "title": title, "body": Self.bodyStandIn, "csrf": csrf ?? "",
            "admin": audience == .admin, "plumber": audience == .plumber, "signedIn": audience != .anonymous,
        ]
        let frame = Self.split(library.render(layout, withTemplate: "server/layout.html") ?? "", at: Self.bodyStandIn)
        var page = frame[0]
        page.reserveCapacity(frame.reduce(0) { $0 + $1.utf8.count } + body.parts.reduce(0) { $0 + $1.utf8.count } + 64 * body.parts.count)
        for (index, part) in body.parts.enumerated() {
            if index > 0 { page += csrf ?? "" }
            page += part
        }
        for part in frame.dropFirst() { page += part }
        return page
    }

    /// `text` cut at each `marker` (on UTF-8 bytes: Foundation's search was this server's hot spot).
    static func split(_ text: String, at marker: String) -> [String] {
        let bytes = Array(text.utf8), needle = Array(marker.utf8)
        var parts: [String] = [], start = 0, index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index ..< index + needle.count].elementsEqual(needle) {
                parts.append(String(decoding: bytes[start ..< index], as: UTF8.self))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// Stands for the body in the layout until `wrap` puts it in.
    static let bodyStandIn = "PLUMBERLEADSBODYSTANDIN"

    /// Stands for the CSRF token until `wrap` puts the viewer's in (letters only: escaping leaves it be).
    public static let tokenStandIn = "PLUMBERLEADSCSRFTOKENSTANDIN"
}

/// A rendered page body, cut where each viewer's CSRF token goes.
public struct PageBody: Sendable, Hashable {
    public var parts: [String]
}
