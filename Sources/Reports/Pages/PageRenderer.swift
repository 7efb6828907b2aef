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

    /// A page's body, with a stand-in where the forms' CSRF token goes: the same for every viewer of the
    /// same data, so it can be kept and shown to each with their own token (`wrap`).
    public func body(_ page: Page, context: [String: Any]) -> String {
        var context = context
        context["csrf"] = Self.tokenStandIn
        return library.render(context, withTemplate: "server/\(page.rawValue).html") ?? ""
    }

    /// A body inside the layout, titled `title`, with `csrf` in its forms.
    public func wrap(_ body: String, title: String, audience: Audience, csrf: String?) -> String {
        let layout: [String: Any] = [
            "title": title, "body": body, "csrf": Self.tokenStandIn,
            "admin": audience == .admin, "plumber": audience == .plumber, "signedIn": audience != .anonymous,
        ]
        return (library.render(layout, withTemplate: "server/layout.html") ?? "").replacingOccurrences(of: Self.tokenStandIn, with: csrf ?? "")
    }

    /// Stands for the CSRF token until `wrap` puts the viewer's in (letters only: escaping leaves it be).
    public static let tokenStandIn = "PLUMBERLEADSCSRFTOKENSTANDIN"
}
