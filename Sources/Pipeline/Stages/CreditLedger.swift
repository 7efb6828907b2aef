import Billing
import Foundation
import LeadModel
import Logging
import PostgresNIO
import Store

/// Credits: written as `pending` rows with a key derived from the assignment (`credit-aID`), then settled
/// through the provider — a refund of a card charge, the cancellation of an overage meter event — so a
/// crash between the two repeats the same request and the provider answers as the first time. A credit
/// for an included subscription lead moves no money and is settled when written.
public enum CreditLedger {
    /// How far back automatic credits look at what dedup learned.
    static let automaticWindowDays = 60

    /// Credits every plumber for what the system learned after the sale. Returns how many credits were
    /// written; an assignment is credited at most once, whatever else is found later.
    /// - **duplicate**: a lead the plumber bought turned out to be the same person and job as one they
    ///   had already bought — shown by a later lead that matched both (`late_duplicates`), or by a dedup
    ///   decision made after the sale. The later purchase is credited.
    /// - **invalid_phone**: the person asked again on a later business day with a phone one digit off or
    ///   two digits transposed from the lead's: the number the plumber bought probably does not reach them.
    static func writeAutomatic(date: BusinessDate, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let day = date.description, start = date.adding(days: -automaticWindowDays).description
        let rows = try await connection.query("""
            WITH duplicates AS (
                SELECT lead_id, duplicate_of, found_by FROM late_duplicates WHERE business_date BETWEEN \(start)::date AND \(day)::date
                UNION ALL
                SELECT lead_id, duplicate_of, NULL FROM lead_dedup
                WHERE status = 'duplicate' AND business_date BETWEEN \(start)::date AND \(day)::date),
            found AS (
                SELECT later.id AS assignment_id, 'duplicate' AS code, 1 AS preference,
                       'lead ' || f.lead_id || ' turned out to be the same job as lead ' || f.duplicate_of || ', which you bought on '
                       || first.business_date || COALESCE(' (lead ' || f.found_by || ' matched both)', '') AS reason
                FROM duplicates f
                JOIN assignments later ON later.lead_id = f.lead_id AND later.status = 'active'
                JOIN assignments first ON first.lead_id = f.duplicate_of AND first.plumber_id = later.plumber_id AND first.status = 'active'
                UNION ALL
                SELECT a.id, 'invalid_phone', 2,
                       'the phone of lead ' || a.lead_id || ' looks mistyped: the same person asked again on ' || d.business_date
                       || ' with a corrected number (lead ' || d.lead_id || ': ' || d.reason || ')'
                FROM lead_dedup d
                JOIN assignments a ON a.lead_id = d.compared_with AND a.status = 'active' AND a.business_date < d.business_date
                WHERE d.status = 'duplicate' AND d.phone_near AND d.business_date BETWEEN \(start)::date AND \(day)::date),
            created AS (
                INSERT INTO credits (assignment_id, plumber_id, business_date, source, reason_code, reason, amount_cents, currency,
                                     idempotency_key, status, settled_at)
                SELECT DISTINCT ON (a.id) a.id, a.plumber_id, \(day)::date, 'automatic', f.code, f.reason,
                       c.amount_cents, c.currency, 'credit-a' || a.id,
                       CASE WHEN c.method = 'included' OR c.amount_cents = 0 THEN 'credited' ELSE 'pending' END,
                       CASE WHEN c.method = 'included' OR c.amount_cents = 0 THEN now() END
                FROM found f
                JOIN assignments a ON a.id = f.assignment_id
                JOIN charges c ON c.assignment_id = a.id AND c.status = 'succeeded'
                WHERE NOT EXISTS (SELECT 1 FROM credits x WHERE x.assignment_id = a.id)
                ORDER BY a.id, f.preference
                RETURNING 1)
            SELECT count(*) FROM created
            """, logger: logger).collect()
        return try rows[0].decode(Int64.self)
    }

    /// A credit waiting for the provider.
    struct Pending {
        var id: Int64
        var key: String
        var amount: Money
        var method: String
        var chargeReference: String?
        var chargeKey: String
        var customer: String?
        var assignmentID: Int64
        var reasonCode: String
    }

    /// Settles every pending credit (any day), one committed transaction each. Returns how many.
    public static func settlePending(
        provider: any PaymentProvider, database: Database, logger: Logger, afterRequest: () -> Void = {}
    ) async throws -> Int {
        let rows = try await database.rows("""
            SELECT cr.id, cr.idempotency_key, cr.amount_cents, cr.currency, c.method, c.provider_ref, c.idempotency_key, p.stripe_customer,
                   cr.assignment_id, cr.reason_code
            FROM credits cr JOIN charges c ON c.assignment_id = cr.assignment_id JOIN plumbers p ON p.id = cr.plumber_id
            WHERE cr.status = 'pending' ORDER BY cr.id
            """)
        for row in rows {
            let c = try row.decode((Int64, String, Int64, String, String, String?, String, String?, Int64, String).self)
            let credit = Pending(
                id: c.0, key: c.1, amount: Money(cents: c.2, currency: c.3), method: c.4, chargeReference: c.5, chargeKey: c.6, customer: c.7,
                assignmentID: c.8, reasonCode: c.9)
            let (status, reference, failure) = try await settle(credit, provider: provider)
            afterRequest()
            try await database.transaction { connection in
                try await connection.query("""
                    UPDATE credits SET status = \(status), provider_ref = \(reference), failure_reason = \(failure), settled_at = now()
                    WHERE id = \(credit.id)
                    """, logger: logger)
            }
        }
        return rows.count
    }

    static func settle(_ credit: Pending, provider: any PaymentProvider) async throws -> (String, String?, String?) {
        switch credit.method {
        case "meter_event":
            guard let customer = credit.customer else { return ("failed", nil, "no Stripe customer to cancel the meter event for") }
            return ("credited", try await provider.cancelUsage(identifier: credit.chargeKey, customer: customer), nil)
        default:
            guard let reference = credit.chargeReference else { return ("failed", nil, "the charge has no provider reference to refund") }
            let refund = RefundRequest(
                idempotencyKey: credit.key, chargeReference: reference, amount: credit.amount,
                metadata: ["credit_id": String(credit.id), "assignment_id": String(credit.assignmentID), "reason_code": credit.reasonCode])
            return ("refunded", try await provider.refund(refund), nil)
        }
    }
}
