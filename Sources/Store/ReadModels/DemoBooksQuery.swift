import Foundation
import LeadModel
import PostgresNIO

/// Loads what the demo shows after its runs (`DemoBooks`), over every day in the database.
public struct DemoBooksQuery: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    public func load() async throws -> DemoBooks {
        var plumbers: [DemoBooks.PlumberBooks] = []
        for row in try await session.rows("""
            SELECT p.external_id, p.plan, count(a.id) FILTER (WHERE a.status = 'active'), count(a.id) FILTER (WHERE a.shared AND a.status = 'active'),
                   count(a.id) FILTER (WHERE a.status = 'released')
            FROM plumbers p LEFT JOIN assignments a ON a.plumber_id = p.id GROUP BY p.external_id, p.plan ORDER BY 1
            """) {
            let (id, plan, leads, shared, released) = try row.decode((String, String, Int, Int, Int).self)
            guard let statement = try await LedgerStatements(session).load(plumber: id) else { continue }
            plumbers.append(DemoBooks.PlumberBooks(id: id, plan: plan, leads: leads, shared: shared, released: released, statement: statement))
        }
        let unsold = try await session.rows("""
            SELECT unsold_kind, count(*)::int FROM lead_match_status WHERE status = 'unsold' GROUP BY 1 ORDER BY 2 DESC, 1
            """).map { try $0.decode((String, Int).self) }.map { (reason: $0.0, count: $0.1) }
        let credits = try await session.rows("""
            SELECT p.external_id, cr.source, cr.status, cr.amount_cents, cr.currency, cr.reason
            FROM credits cr JOIN plumbers p ON p.id = cr.plumber_id ORDER BY cr.id
            """).map { row in
            let (plumber, source, status, cents, currency, reason) = try row.decode((String, String, String, Int64, String, String).self)
            return DemoBooks.Credit(plumber: plumber, source: source, status: status, amount: Money(cents: cents, currency: currency), reason: reason)
        }
        return DemoBooks(plumbers: plumbers, unsold: unsold, credits: credits)
    }
}
