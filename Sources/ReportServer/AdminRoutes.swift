import Foundation
import Hummingbird
import LeadModel
import Reports
import Store

/// The admins' pages: campaign reports by day and over a range (with CSV), runs, plumbers, a lead's trace.
struct AdminRoutes {
    let services: ServerServices

    /// The longest range a report adds up.
    static let maximumDays = 92

    var routes: [Route] {
        [
            Route(.get, "/admin", .admin, home),
            Route(.get, "/admin/reports", .admin, range),
            Route(.get, "/admin/reports/:date", .admin, day),
            Route(.get, "/admin/reports/:date/campaigns.csv", .admin, csv),
            Route(.get, "/admin/runs", .admin, runs),
            Route(.get, "/admin/plumbers", .admin, plumbers),
            Route(.get, "/admin/trace", .admin, trace),
        ]
    }

    /// The report page's values: the batch report's, and the size of the unsold list.
    static func reportValues(_ report: CampaignReport) -> [String: Any] {
        var values = ReportRenderer.context(report)
        values["unsoldTotal"] = report.unsoldReasons.reduce(0) { $0 + $1.count }
        values["unsoldGroups"] = report.unsoldReasons.count
        return values
    }

    func page(_ page: PageRenderer.Page, _ title: String, _ context: ServerContext, _ values: [String: Any]) -> Response {
        HTMLResponse.make(services.pages.render(page, title: title, audience: .admin, csrf: context.csrf, context: values))
    }

    @Sendable func home(_ request: Request, _ context: ServerContext) async throws -> Response {
        let runs = try await services.pool.withSession { try await RunLedger.history(limit: 60, in: $0) }
        var days: [String] = []
        for run in runs where !days.contains(run.date) { days.append(run.date) }
        return page(.adminHome, "Campaign reports", context, [
            "days": days, "hasDays": !days.isEmpty, "from": days.last ?? "", "to": days.first ?? "",
        ])
    }

    func report(from: BusinessDate, to: BusinessDate) async throws -> CampaignReport {
        var reports: [CampaignReport] = []
        var day = from
        while day <= to {
            let current = day
            let report = try await services.caches.reports.value(current, now: services.clock()) {
                try await services.pool.withSession { try await CampaignFigures.load(date: current, session: $0).report(date: current) }
            }
            if let report { reports.append(report) }
            day = day.adding(days: 1)
        }
        return CampaignReport.combining(reports, from: from)
    }

    @Sendable func day(_ request: Request, _ context: ServerContext) async throws -> Response {
        let date = try Self.date(context.parameters.require("date"))
        return try await reportPage(from: date, to: date, title: date.description, csv: "/admin/reports/\(date)/campaigns.csv", context)
    }

    /// The report page of `from ... to`, rendered once for every admin asking within a few seconds.
    func reportPage(from: BusinessDate, to: BusinessDate, title: String, csv: String, _ context: ServerContext) async throws -> Response {
        let body = try await services.caches.reportPages.value("\(from)|\(to)", now: services.clock()) {
            var values = Self.reportValues(try await report(from: from, to: to))
            values["title"] = title
            values["csvLink"] = csv
            return services.pages.body(.campaigns, context: values)
        }
        guard let body else { throw HTTPError(.internalServerError) }
        return HTMLResponse.make(services.pages.wrap(body, title: "Campaign report \(title)", audience: .admin, csrf: context.csrf))
    }

    @Sendable func range(_ request: Request, _ context: ServerContext) async throws -> Response {
        let from = try Self.date(request.uri.queryParameters.get("from") ?? "")
        let to = try Self.date(request.uri.queryParameters.get("to") ?? "")
        guard from <= to, from.adding(days: Self.maximumDays) > to else { throw HTTPError(.badRequest) }
        return try await reportPage(from: from, to: to, title: "\(from) to \(to)", csv: "/admin/reports/\(to)/campaigns.csv", context)
    }

    @Sendable func csv(_ request: Request, _ context: ServerContext) async throws -> Response {
        let date = try Self.date(context.parameters.require("date"))
        let text = CampaignReportCSV.render(try await report(from: date, to: date))
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"campaigns-\(date).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func runs(_ request: Request, _ context: ServerContext) async throws -> Response {
        let runs = try await services.pool.withSession { try await RunLedger.history(limit: 50, in: $0) }
        return page(.runs, "Runs", context, ["runs": runs.map { run -> [String: Any] in
            [
                "id": run.id, "date": run.date, "status": run.status,
                "stages": run.stages.map { stage -> [String: Any] in
                    [
                        "stage": stage.stage, "status": stage.status, "rows": stage.rowsOut, "rejected": stage.rowsRejected,
                        "time": stage.elapsedMilliseconds >= 1000 ? String(format: "%.1f s", Double(stage.elapsedMilliseconds) / 1000) : "\(stage.elapsedMilliseconds) ms",
                    ]
                },
            ]
        }])
    }

    @Sendable func plumbers(_ request: Request, _ context: ServerContext) async throws -> Response {
        let roster = try await services.pool.withSession { try await PlumberRepository.all(in: $0, cipher: services.cipher) }
        return page(.plumbers, "Plumbers", context, ["plumbers": roster.map { entry -> [String: Any] in
            let plumber = entry.plumber
            return [
                "id": plumber.externalID, "name": plumber.businessName, "plan": plumber.planDescription, "dailyCap": plumber.dailyCap,
                "budget": plumber.monthlyBudgetCents.map { Money(cents: $0).description } ?? "–",
                "card": entry.cardFailure.map { "failing: \($0)" } ?? (plumber.stripePaymentMethod == nil ? "none" : "on file"),
                "status": entry.statusDescription,
                "digests": entry.digestsUnsubscribedAt == nil ? "on" : "unsubscribed",
            ]
        }])
    }

    @Sendable func trace(_ request: Request, _ context: ServerContext) async throws -> Response {
        let reference = (request.uri.queryParameters.get("lead") ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty, reference.count <= 100,
              let trace = try await services.pool.withSession({ try await LeadTraces($0).load(reference) })
        else { throw HTTPError(.notFound) }
        return page(.trace, "Lead \(reference)", context, ["reference": reference, "text": trace.text])
    }

    /// A `YYYY-MM-DD` from the URL; anything else is not found.
    static func date(_ text: String) throws -> BusinessDate {
        guard let date = try? BusinessDate(parsing: text) else { throw HTTPError(.notFound) }
        return date
    }
}
