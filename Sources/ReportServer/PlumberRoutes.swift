import Foundation
import Hummingbird
import LeadModel
import Reports
import SignedLinks
import Store

/// A plumber's own pages: their days of leads, each day's leads with tap-to-call and map links, their
/// statement, and the outcome buttons. The plumber comes from the session, never from the URL; a date
/// or sale in the URL is looked up among their own rows only.
struct PlumberRoutes {
    let services: ServerServices

    var routes: [Route] {
        [
            Route(.get, "/me", .plumber, days),
            Route(.get, "/me/days/:date", .plumber, day),
            Route(.get, "/me/statement", .plumber, statement),
            Route(.post, "/me/leads/:sale/:action", .plumber, tell),
        ]
    }

    func page(_ page: PageRenderer.Page, _ title: String, _ context: ServerContext, _ values: [String: Any]) -> Response {
        HTMLResponse.make(services.pages.render(page, title: title, audience: .plumber, csrf: context.csrf, context: values))
    }

    /// The signed-in plumber (the route's access made sure there is one).
    static func plumber(_ context: ServerContext) throws -> (id: Int64, externalID: String) {
        guard let id = context.identity?.plumberID, let external = context.identity?.plumberExternalID else { throw HTTPError(.forbidden) }
        return (id, external)
    }

    @Sendable func days(_ request: Request, _ context: ServerContext) async throws -> Response {
        let plumber = try Self.plumber(context)
        let (days, name) = try await services.pool.withSession { session in
            (try await PlumberLeadPages(session, cipher: services.cipher).days(plumberID: plumber.id),
             try await PlumberRepository.businessName(rowID: plumber.id, in: session) ?? plumber.externalID)
        }
        return page(.plumberDays, "My leads", context, [
            "businessName": name, "hasDays": !days.isEmpty,
            "days": days.map { ["date": $0.date.description, "leads": $0.leads, "one": $0.leads == 1, "total": $0.total.description] as [String: Any] },
        ])
    }

    @Sendable func day(_ request: Request, _ context: ServerContext) async throws -> Response {
        let plumber = try Self.plumber(context)
        let date = try AdminRoutes.date(context.parameters.require("date"))
        let body = try await services.caches.days.value(PlumberDayKey(plumberID: plumber.id, date: date), now: services.clock()) { () -> PageBody? in
            let leads = try await services.pool.withSession { try await PlumberLeadPages($0, cipher: services.cipher).leads(plumberID: plumber.id, day: date) }
            guard !leads.isEmpty else { return nil }
            let total = Money(cents: leads.reduce(0) { $0 + $1.price.cents }, currency: leads[0].price.currency)
            return services.pages.body(.plumberDay, context: [
                "date": date.description, "count": leads.count, "one": leads.count == 1, "total": total.description,
                "leads": leads.map { Self.leadContext($0, csrf: PageRenderer.tokenStandIn, reasons: services.reasonOptions) },
            ])
        }
        guard let body else { throw HTTPError(.notFound) }
        return HTMLResponse.make(services.pages.wrap(body, title: "Leads \(date)", audience: .plumber, csrf: context.csrf))
    }

    static func leadContext(_ lead: SoldLead, csrf: String, reasons: [[String: String]]) -> [String: Any] {
        var values: [String: Any] = [
            "leadID": lead.leadID, "assignmentID": lead.assignmentID, "service": lead.service.label, "emergency": lead.urgency == .emergency,
            "name": lead.name, "phone": lead.phone, "phoneDisplay": ContactLinks.phoneDisplay(lead.phone), "address": lead.address,
            "map": ContactLinks.map(lead.address), "price": lead.price.description, "quality": lead.quality,
            "actions": [LinkAction.won, .noAnswer, .wrongNumber].map { ["action": $0.rawValue, "label": $0.label, "assignmentID": lead.assignmentID, "csrf": csrf] },
            "canAskCredit": !reasons.isEmpty && lead.credit == nil, "creditReasons": reasons,
        ]
        if let email = lead.email { values["email"] = email }
        if !lead.qualityReasons.isEmpty { values["reasons"] = lead.qualityReasons.joined(separator: "; ") }
        if let request = lead.request { values["request"] = request }
        if let wanted = lead.wanted { values["wanted"] = wanted }
        if let credit = lead.credit {
            values["credit"] = credit.description
            values["creditReason"] = lead.creditReason ?? ""
        }
        return values
    }

    @Sendable func statement(_ request: Request, _ context: ServerContext) async throws -> Response {
        let plumber = try Self.plumber(context)
        guard let statement = try await services.pool.withSession({ try await LedgerStatements($0).load(plumber: plumber.externalID) }) else {
            throw HTTPError(.notFound)
        }
        var notes: [String] = []
        let lines = statement.lines.map { line -> (month: String, values: [String: Any]) in
            var detail = line.detail
            if let note = line.note {
                notes.append("Lead \(line.lead): \(note)")
                detail += " [\(notes.count)]"
            }
            return (String(line.date.prefix(7)), [
                "date": line.date, "kind": line.kind.rawValue, "detail": detail, "lead": line.lead, "amount": line.amount.description,
                "status": line.status,
            ])
        }
        func sums(_ statement: LedgerStatement) -> [[String: String]] {
            Set(statement.totals.keys).union(statement.credited.keys).sorted().map { currency in
                [
                    "charged": Money(cents: statement.totals[currency] ?? 0, currency: currency).description,
                    "credited": Money(cents: statement.credited[currency] ?? 0, currency: currency).description,
                    "net": Money(cents: statement.net[currency] ?? 0, currency: currency).description,
                ]
            }
        }
        // Newest month first, each with its own sums.
        let months = Dictionary(grouping: statement.lines, by: { String($0.date.prefix(7)) }).keys.sorted(by: >).map { month -> [String: Any] in
            let part = LedgerStatement(plumber: statement.plumber, business: statement.business, lines: statement.lines.filter { $0.date.hasPrefix(month) })
            return ["month": month, "totals": sums(part), "lines": lines.filter { $0.month == month }.map(\.values)]
        }
        return page(.statement, "Statement", context, [
            "businessName": statement.business, "months": months, "notes": notes, "hasNotes": !notes.isEmpty, "totals": sums(statement),
        ])
    }

    /// An outcome or a credit request from the plumber's page, into the inbox for the next batch.
    @Sendable func tell(_ request: Request, _ context: ServerContext) async throws -> Response {
        let plumber = try Self.plumber(context)
        let form = try await FormBody.read(request, context: context)
        try CSRF.check(form, context: context)
        guard let sale = Int64(try context.parameters.require("sale")), let action = LinkAction(rawValue: try context.parameters.require("action")), LinkAction.outcomes.contains(action) else {
            throw HTTPError(.notFound)
        }
        let reason = action == .credit ? try services.reasonCode(form) : nil
        let lead = try await services.pool.withSession { session -> SoldLead? in
            guard let lead = try await PlumberLeadPages(session, cipher: services.cipher).lead(plumberID: plumber.id, assignmentID: sale) else { return nil }
            _ = try await InboxRepository(session, cipher: services.cipher).append(
                plumberID: plumber.id, kind: action.inboxKind, assignmentID: sale, via: .page, linkExpires: nil, reasonCode: reason, note: nil,
                at: services.clock())
            return lead
        }
        guard let lead else { throw HTTPError(.notFound) }
        return HTMLResponse.redirect("/me/days/\(lead.date)")
    }
}

/// What a plumber can say about a lead they bought: the digest's link actions but the unsubscribe.
extension LinkAction {
    static let outcomes: [LinkAction] = [.won, .noAnswer, .wrongNumber, .credit]

    /// The inbox entry it makes.
    var inboxKind: InboxKind {
        switch self {
        case .won: .won
        case .noAnswer: .noAnswer
        case .wrongNumber: .wrongNumber
        case .credit: .creditRequest
        case .unsubscribe: .unsubscribe
        }
    }
}
