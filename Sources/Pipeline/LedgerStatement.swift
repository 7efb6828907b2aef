import Foundation
import LeadModel
import PostgresNIO
import Store

/// A plumber's statement (`plumberleads ledger PLUMBER`): every charge for their leads, oldest first,
/// with the lead, the job, the amount and how it stands, and the totals per currency.
public struct LedgerStatement: Sendable {
    public struct Line: Sendable, Equatable {
        public var date: String
        public var lead: Int64
        public var service: String
        public var urgency: String
        public var amount: Money
        public var status: String
        public var reference: String?
    }

    public var plumber: String
    public var business: String
    public var lines: [Line]

    /// Charged successfully, per currency.
    public var totals: [String: Int64] {
        lines.filter { $0.status == "succeeded" }.reduce(into: [:]) { $0[$1.amount.currency, default: 0] += $1.amount.cents }
    }

    /// Nil when no plumber has that roster id.
    public static func load(plumber: String, database: Database) async throws -> LedgerStatement? {
        let found = try await database.rows("SELECT business_name FROM plumbers WHERE external_id = \(plumber)")
        guard let business = try found.first?.decode(String.self) else { return nil }
        var lines: [Line] = []
        for try await (date, lead, service, urgency, cents, currency, status, reference) in try await database.connection.query("""
            SELECT c.business_date::text, a.lead_id, l.service, l.urgency, c.amount_cents, c.currency, c.status, c.provider_ref
            FROM charges c JOIN plumbers p ON p.id = c.plumber_id JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
            WHERE p.external_id = \(plumber) ORDER BY c.business_date, c.id
            """, logger: database.logger).decode((String, Int64, String, String, Int64, String, String, String?).self) {
            lines.append(Line(
                date: date, lead: lead, service: service, urgency: urgency, amount: Money(cents: cents, currency: currency), status: status,
                reference: reference))
        }
        return LedgerStatement(plumber: plumber, business: business, lines: lines)
    }
}
