import Foundation
import LeadModel
import PostgresNIO

/// Credits (`credits`): the evidence for automatic ones, the rows written, and their settlement.
public struct CreditRepository: Sendable {
    /// A credit waiting for the provider, with the charge it gives back.
    public struct Pending: Sendable {
        public var id: Int64
        public var key: IdempotencyKey
        public var amount: Money
        public var method: ChargeMethod
        public var chargeReference: String?
        public var chargeKey: IdempotencyKey
        public var customer: String?
        public var assignmentID: Int64
        public var reasonCode: String
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// What dedup learned from `start` to `day` about sales that are charged and not credited yet: later
    /// leads showing two purchases to be one job, and people asking again with a corrected phone.
    public func automaticEvidence(from start: BusinessDate, to day: BusinessDate) async throws -> [CreditEvidence] {
        let (from, to) = (start.description, day.description)
        return try await session.rows("""
            WITH duplicates AS (
                SELECT lead_id, duplicate_of, found_by FROM late_duplicates WHERE business_date BETWEEN \(from)::date AND \(to)::date
                UNION ALL
                SELECT lead_id, duplicate_of, NULL FROM lead_dedup
                WHERE status = 'duplicate' AND business_date BETWEEN \(from)::date AND \(to)::date),
            found AS (
                SELECT later.id AS assignment_id, 'duplicate' AS kind, f.lead_id, f.duplicate_of AS other, first.business_date::text AS day,
                       f.found_by, NULL::text AS match
                FROM duplicates f
                JOIN assignments later ON later.lead_id = f.lead_id AND later.status = 'active'
                JOIN assignments first ON first.lead_id = f.duplicate_of AND first.plumber_id = later.plumber_id AND first.status = 'active'
                UNION ALL
                SELECT a.id, 'invalid_phone', a.lead_id, d.lead_id, d.business_date::text, NULL, d.reason
                FROM lead_dedup d
                JOIN assignments a ON a.lead_id = d.compared_with AND a.status = 'active' AND a.business_date < d.business_date
                WHERE d.status = 'duplicate' AND d.phone_near AND d.business_date BETWEEN \(from)::date AND \(to)::date)
            SELECT f.assignment_id, a.plumber_id, c.amount_cents, c.currency, c.method, f.kind, f.lead_id, f.other, f.day, f.found_by, f.match
            FROM found f
            JOIN assignments a ON a.id = f.assignment_id
            JOIN charges c ON c.assignment_id = a.id AND c.status = 'succeeded'
            WHERE NOT EXISTS (SELECT 1 FROM credits x WHERE x.assignment_id = a.id)
            ORDER BY 1
            """).map { row in
            let (assignment, plumber, cents, currency, method, kind, lead, other, day, foundBy, match) =
                try row.decode((Int64, Int64, Int64, String, String, String, Int64, Int64, String, Int64?, String?).self)
            let date = try BusinessDate(parsing: day)
            let finding: CreditEvidence.Finding = kind == "duplicate"
                ? .duplicate(lead: lead, sameJobAs: other, boughtOn: date, foundBy: foundBy)
                : .mistypedPhone(lead: lead, askedAgainOn: date, laterLead: other, match: match ?? "")
            return CreditEvidence(
                assignmentID: assignment, plumberID: plumber, charged: Money(cents: cents, currency: currency),
                method: ChargeMethod(rawValue: method) ?? .paymentIntent, finding: finding)
        }
    }

    /// Writes credits dated `day`; returns their ids in order. An assignment that has a credit already keeps it.
    @discardableResult
    public func insert(_ credits: [NewCredit], day: BusinessDate) async throws -> [Int64] {
        var ids: [Int64] = []
        for credit in credits {
            let status = credit.settledAtOnce ? CreditStatus.credited : .pending
            ids.append(try await session.value("""
                INSERT INTO credits (assignment_id, plumber_id, business_date, source, reason_code, reason, amount_cents, currency,
                                     idempotency_key, status, settled_at)
                VALUES (\(credit.assignmentID), \(credit.plumberID), \(day.description)::date, \(credit.source.rawValue), \(credit.reasonCode),
                        \(credit.reason), \(credit.amount.cents), \(credit.amount.currency), \(credit.key.rawValue), \(status.rawValue),
                        CASE WHEN \(credit.settledAtOnce) THEN now() END)
                RETURNING id
                """, as: Int64.self))
        }
        return ids
    }

    /// Every pending credit, of any day, in id order.
    public func pending() async throws -> [Pending] {
        try await session.rows("""
            SELECT cr.id, cr.idempotency_key, cr.amount_cents, cr.currency, c.method, c.provider_ref, c.idempotency_key, p.stripe_customer,
                   cr.assignment_id, cr.reason_code
            FROM credits cr JOIN charges c ON c.assignment_id = cr.assignment_id JOIN plumbers p ON p.id = cr.plumber_id
            WHERE cr.status = 'pending' ORDER BY cr.id
            """).map { row in
            let c = try row.decode((Int64, String, Int64, String, String, String?, String, String?, Int64, String).self)
            return Pending(
                id: c.0, key: IdempotencyKey(rawValue: c.1), amount: Money(cents: c.2, currency: c.3), method: ChargeMethod(rawValue: c.4) ?? .paymentIntent,
                chargeReference: c.5, chargeKey: IdempotencyKey(rawValue: c.6), customer: c.7, assignmentID: c.8, reasonCode: c.9)
        }
    }

    /// Records how a credit was settled.
    public func settle(_ id: Int64, status: CreditStatus, reference: String?, failure: String?) async throws {
        try await session.execute("""
            UPDATE credits SET status = \(status.rawValue), provider_ref = \(reference), failure_reason = \(failure), settled_at = now()
            WHERE id = \(id)
            """)
    }
}
