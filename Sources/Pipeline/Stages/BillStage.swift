import Billing
import Foundation
import LeadModel
import PostgresNIO
import Store

/// Charges each of the day's assignments exactly once. The charge row is committed as `pending` with a
/// deterministic idempotency key before the provider is called; a replay after a crash sends the same
/// key, and the provider answers with the first outcome instead of charging again.
struct BillStage: Stage {
    let name = StageName.bill

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        let provider = context.services.payments
        // Write the outbox rows for every assignment that has none yet.
        try await context.commitChunk { connection in
            let rows = try await connection.query("""
                WITH created AS (
                    INSERT INTO charges (assignment_id, plumber_id, business_date, amount_cents, currency, idempotency_key, provider, status)
                    SELECT a.id, a.plumber_id, a.business_date, a.price_cents, a.currency,
                           'charge-' || a.business_date || '-a' || a.id, \(provider.name), 'pending'
                    FROM assignments a
                    WHERE a.business_date = \(day)::date AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.assignment_id = a.id)
                    ORDER BY a.id
                    RETURNING 1)
                SELECT count(*) FROM created
                """, logger: context.logger).collect()
            return .init(rowsIn: try rows[0].decode(Int64.self))
        }
        context.failpoints.reach(.bill, "after-pending")
        while true {
            let pending = try await context.database.rows("""
                SELECT c.id, c.assignment_id, c.amount_cents, c.currency, c.idempotency_key, p.external_id, l.id
                FROM charges c JOIN plumbers p ON p.id = c.plumber_id
                JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
                WHERE c.business_date = \(day)::date AND c.status = 'pending'
                ORDER BY c.id LIMIT \(context.definition.chunkSize)
                """)
            if pending.isEmpty { return }
            for row in pending {
                let (chargeID, assignmentID, cents, currency, key, plumber, leadID) = try row.decode((Int64, Int64, Int64, String, String, String, Int64).self)
                let request = ChargeRequest(
                    idempotencyKey: key, customer: plumber, amount: Money(cents: cents, currency: currency),
                    description: "PlumberLeads lead \(leadID) (\(day))",
                    metadata: ["assignment_id": String(assignmentID), "lead_id": String(leadID), "business_date": day])
                let outcome = try await provider.charge(request)
                context.failpoints.reach(.bill, "after-provider")
                try await context.commitChunk { connection in
                    switch outcome {
                    case .succeeded(let reference):
                        try await connection.query("""
                            UPDATE charges SET status = 'succeeded', provider_ref = \(reference), settled_at = now() WHERE id = \(chargeID)
                            """, logger: context.logger)
                        return .init(rowsOut: 1)
                    case .declined(let reason):
                        try await connection.query("""
                            UPDATE charges SET status = 'declined', failure_reason = \(reason), settled_at = now() WHERE id = \(chargeID)
                            """, logger: context.logger)
                        return .init(rowsRejected: 1)
                    }
                }
            }
        }
    }
}
