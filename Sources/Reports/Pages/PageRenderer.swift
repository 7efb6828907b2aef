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
        var context = context
        context["csrf"] = csrf ?? ""
        let body = library.render(context, withTemplate: "server/\(page.rawValue).html") ?? ""
        let layout: [String: Any] = [
            "title": title, "body": body, "csrf": csrf ?? "",
            "admin": audience == .admin, "plumber": audience == .plumber, "signedIn": audience != .anonymous,
        ]
        return library.render(layout, withTemplate: "server/layout.html") ?? ""
    }
}
