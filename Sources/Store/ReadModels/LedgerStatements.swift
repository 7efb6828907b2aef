import Foundation
import LeadModel
import PostgresNIO

/// Loads a plumber's statement (`LedgerStatement`): every charge and credit for their leads, oldest first.
public struct LedgerStatements: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Nil when no plumber has that roster id.
    public func load(plumber: String) async throws -> LedgerStatement? {
        let found = try await session.rows("SELECT business_name FROM plumbers WHERE external_id = \(plumber)")
        guard let business = try found.first?.decode(String.self) else { return nil }
        var lines: [LedgerStatement.Line] = []
        for try await c in try await session.connection.query("""
            SELECT 'charge', c.business_date::text, a.lead_id, l.service, l.urgency, c.amount_cents, c.currency,
                   CASE c.method WHEN 'included' THEN 'included in plan' WHEN 'meter_event' THEN 'overage (meter event)'
                                 ELSE 'card' || CASE WHEN a.shared THEN ', shared lead' ELSE '' END END
                   || COALESCE(' · ' || c.failure_reason, ''),
                   c.status, c.provider_ref, NULL, c.id, 0
            FROM charges c JOIN plumbers p ON p.id = c.plumber_id JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
            WHERE p.external_id = \(plumber)
            UNION ALL
            SELECT 'credit', cr.business_date::text, a.lead_id, l.service, l.urgency, -cr.amount_cents, cr.currency,
                   cr.source || ', ' || cr.reason_code, cr.status, cr.provider_ref, cr.reason, cr.id, 1
            FROM credits cr JOIN plumbers p ON p.id = cr.plumber_id JOIN assignments a ON a.id = cr.assignment_id JOIN leads l ON l.id = a.lead_id
            WHERE p.external_id = \(plumber)
            ORDER BY 2, 13, 12
            """, logger: session.logger).decode((String, String, Int64, String, String, Int64, String, String, String, String?, String?, Int64, Int).self) {
            // kind, date, lead, service, urgency, cents, currency, detail, status, reference, note, then the sort keys
            lines.append(LedgerStatement.Line(
                kind: LedgerStatement.Line.Kind(rawValue: c.0)!, date: c.1, lead: c.2, service: c.3, urgency: c.4, amount: Money(cents: c.5, currency: c.6),
                detail: c.7, note: c.10, status: c.8, reference: c.9))
        }
        return LedgerStatement(plumber: plumber, business: business, lines: lines)
    }
}
