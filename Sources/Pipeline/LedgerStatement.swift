import Foundation
import LeadModel
import PostgresNIO
import Store

/// A plumber's statement (`plumberleads ledger PLUMBER`): every charge and every credit for their
/// leads, oldest first, with the lead, the job, the amount, how it was billed and how it stands, and
/// the totals: charged, credited, and what the plumber paid in the end.
public struct LedgerStatement: Sendable {
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable { case charge, credit }
        public var kind: Kind
        public var date: String
        public var lead: Int64
        public var service: String
        public var urgency: String
        /// Positive for a charge, negative for a credit.
        public var amount: Money
        /// `card`, `overage (meter event)`, `included in plan`; for a credit, where it came from and its
        /// reason code (`automatic, invalid_phone`).
        public var detail: String
        /// For a credit, its reason in words.
        public var note: String?
        public var status: String
        public var reference: String?
    }

    public var plumber: String
    public var business: String
    public var lines: [Line]

    /// Charged successfully, per currency.
    public var totals: [String: Int64] { sum(.charge, ["succeeded"]) }
    /// Credited (refunded, cancelled or credited), per currency, as a positive amount.
    public var credited: [String: Int64] { sum(.credit, ["refunded", "credited"]).mapValues { -$0 } }
    /// What the plumber paid in the end, per currency.
    public var net: [String: Int64] { totals.merging(credited.mapValues { -$0 }, uniquingKeysWith: +) }

    func sum(_ kind: Line.Kind, _ statuses: Set<String>) -> [String: Int64] {
        lines.filter { $0.kind == kind && statuses.contains($0.status) }.reduce(into: [:]) { $0[$1.amount.currency, default: 0] += $1.amount.cents }
    }

    /// Nil when no plumber has that roster id.
    public static func load(plumber: String, database: Database) async throws -> LedgerStatement? {
        let found = try await database.rows("SELECT business_name FROM plumbers WHERE external_id = \(plumber)")
        guard let business = try found.first?.decode(String.self) else { return nil }
        var lines: [Line] = []
        for try await c in try await database.connection.query("""
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
            """, logger: database.logger).decode((String, String, Int64, String, String, Int64, String, String, String, String?, String?, Int64, Int).self) {
            // kind, date, lead, service, urgency, cents, currency, detail, status, reference, note, then the sort keys
            lines.append(Line(
                kind: Line.Kind(rawValue: c.0)!, date: c.1, lead: c.2, service: c.3, urgency: c.4, amount: Money(cents: c.5, currency: c.6),
                detail: c.7, note: c.10, status: c.8, reference: c.9))
        }
        return LedgerStatement(plumber: plumber, business: business, lines: lines)
    }

    /// The statement as a table with its totals, as `ledger` and the demo print it; each credit's reason
    /// is a numbered note under the table.
    public var text: String {
        var rows = [["DATE", "LEAD", "JOB", "AMOUNT", "BILLED AS", "STATUS", "REFERENCE"]]
        var notes: [String] = []
        for line in lines {
            var detail = line.detail
            if let note = line.note {
                notes.append("[\(notes.count + 1)] lead \(line.lead): \(note)")
                detail += " [\(notes.count)]"
            }
            rows.append([
                line.date, String(line.lead), "\(line.service), \(line.urgency)", line.amount.description, detail, line.status, line.reference ?? "-",
            ])
        }
        func money(_ totals: [String: Int64]) -> String {
            totals.isEmpty ? "$0.00" : totals.sorted { $0.key < $1.key }.map { Money(cents: $0.value, currency: $0.key).description }.joined(separator: ", ")
        }
        let paid = lines.filter { $0.kind == .charge && $0.status == "succeeded" }.count
        return TextTable.render(rows) + notes.map { "\n" + $0 }.joined()
            + "\ncharged \(money(totals)) for \(paid) leads · credited \(money(credited)) · net \(money(net))"
    }
}
