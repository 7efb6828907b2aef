import Billing
import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Bills each of the day's active assignments exactly once, through the outbox in `charges`:
///
/// 1. One row per assignment is committed as `pending`, with a key derived from the assignment
///    (`charge-DATE-aID`); an included subscription lead is settled at once (no money moves).
/// 2. Before each request the attempt is committed (`first_attempt_at`); then the provider is called with
///    the key — a card charge, or a meter event for subscription overage; then the outcome is committed.
///    A crash between any two of these replays the same key, and the provider answers with the first
///    outcome instead of charging again. An attempt first made longer ago than the provider keeps keys
///    (Stripe: about 24 hours) is looked up by the assignment id before anything is sent.
/// 3. A declined card releases the assignment, marks the plumber's card as failing and gives the lead
///    to the next eligible plumber in the same transaction (`LeadReallocation`); that assignment's charge
///    is billed later in the same run.
/// 4. Automatic credits are written for leads a plumber turned out to have bought twice, and every
///    pending credit is settled (`CreditLedger`): refunds and meter-event cancellations, keyed the same way.
struct BillStage: Stage {
    let name = StageName.bill
    /// Stripe keeps idempotency keys for about 24 hours; past this age an attempt is looked up first.
    static let keyLifetime: TimeInterval = 23 * 3600

    func run(_ context: StageContext) async throws {
        try await context.commitChunk { connection in
            .init(rowsIn: try await Self.writeOutbox(date: context.date, provider: context.services.payments.name, on: connection, logger: context.logger))
        }
        context.failpoints.reach(.bill, "after-pending")
        let reallocation = try await LeadReallocation(context: context)
        var cursor: Int64 = 0
        while true {
            let pending = try await context.database.rows("""
                SELECT c.id, c.assignment_id, c.method, c.amount_cents, c.currency, c.idempotency_key, c.first_attempt_at,
                       p.stripe_customer, p.stripe_payment_method, a.lead_id, p.card_failure
                FROM charges c JOIN plumbers p ON p.id = c.plumber_id JOIN assignments a ON a.id = c.assignment_id
                WHERE c.business_date = \(context.date.description)::date AND c.status = 'pending' AND c.id > \(cursor)
                ORDER BY c.id LIMIT \(context.definition.chunkSize)
                """)
            if pending.isEmpty { break }
            var failedCards: [String: String] = [:]  // customer → reason, for cards that failed in this chunk
            for row in pending {
                var charge = try PendingCharge(row)
                cursor = charge.id
                if charge.cardFailure == nil, let customer = charge.customer { charge.cardFailure = failedCards[customer] }
                if case .declined(_, let reason) = try await bill(charge, context: context, reallocation: reallocation), let customer = charge.customer {
                    failedCards[customer] = reason
                }
            }
        }
        try await credit(context)
    }

    /// Step 4: automatic credits, then every pending credit settled.
    func credit(_ context: StageContext) async throws {
        try await context.commitChunk { connection in
            .init(rowsOut: try await CreditLedger.writeAutomatic(date: context.date, on: connection, logger: context.logger))
        }
        _ = try await CreditLedger.settlePending(provider: context.services.payments, database: context.database, logger: context.logger) {
            context.failpoints.reach(.bill, "after-refund")
        }
    }

    /// Writes the pending row of every active assignment of `date` that has none; returns how many.
    static func writeOutbox(date: BusinessDate, provider: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query("""
            WITH created AS (
                INSERT INTO charges (assignment_id, plumber_id, business_date, amount_cents, currency, idempotency_key, provider, status,
                                     method, settled_at)
                SELECT a.id, a.plumber_id, a.business_date, a.price_cents, a.currency, 'charge-' || a.business_date || '-a' || a.id,
                       CASE a.billing WHEN 'included' THEN 'plan' ELSE \(provider) END,
                       CASE a.billing WHEN 'included' THEN 'succeeded' ELSE 'pending' END,
                       CASE a.billing WHEN 'charge' THEN 'payment_intent' WHEN 'overage' THEN 'meter_event' ELSE 'included' END,
                       CASE a.billing WHEN 'included' THEN now() END
                FROM assignments a
                WHERE a.business_date = \(date.description)::date AND a.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.assignment_id = a.id)
                ORDER BY a.id
                RETURNING 1)
            SELECT count(*) FROM created
            """, logger: logger).collect()
        return try rows[0].decode(Int64.self)
    }

    /// A charge row waiting for the provider.
    struct PendingCharge {
        var id: Int64
        var assignmentID: Int64
        var method: String
        var amount: Money
        var key: String
        var firstAttempt: Date?
        var customer: String?
        var paymentMethod: String?
        var leadID: Int64
        /// Why the plumber's card failed, if it has (before this run, or earlier in it).
        var cardFailure: String?

        init(_ row: PostgresRow) throws {
            let c = try row.decode((Int64, Int64, String, Int64, String, String, Date?, String?, String?, Int64, String?).self)
            (id, assignmentID, method, key, firstAttempt, customer, paymentMethod, leadID, cardFailure) = (c.0, c.1, c.2, c.5, c.6, c.7, c.8, c.9, c.10)
            amount = Money(cents: c.3, currency: c.4)
        }
    }

    /// Bills one pending charge; returns the outcome committed.
    @discardableResult
    func bill(_ charge: PendingCharge, context: StageContext, reallocation: LeadReallocation) async throws -> ChargeOutcome {
        let provider = context.services.payments
        let now = context.services.clock()
        guard let customer = charge.customer, charge.method == "meter_event" || charge.paymentMethod != nil else {
            let outcome = ChargeOutcome.declined(reference: nil, reason: "no card on file")
            try await settle(charge, outcome, context: context, reallocation: reallocation)
            return outcome
        }
        if charge.method == "payment_intent", charge.firstAttempt == nil, let failure = charge.cardFailure {
            // The card already failed (earlier in this run, or before): no request; the lead moves on.
            let outcome = ChargeOutcome.declined(reference: nil, reason: failure)
            try await settle(charge, outcome, context: context, reallocation: reallocation)
            return outcome
        }
        try await context.transaction { connection in
            try await connection.query("""
                UPDATE charges SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, \(now)) WHERE id = \(charge.id)
                """, logger: context.logger)
        }
        context.failpoints.reach(.bill, "before-request")
        var outcome: ChargeOutcome?
        if charge.method == "payment_intent", let first = charge.firstAttempt, now.timeIntervalSince(first) > Self.keyLifetime {
            outcome = try await provider.findCharge(assignmentID: String(charge.assignmentID))
            context.logger.notice("bill: charge \(charge.id) first tried \(first), older than the key lifetime: looked up, \(outcome.map { "\($0)" } ?? "none found")")
        }
        if outcome == nil {
            switch charge.method {
            case "meter_event":
                let reference = try await provider.reportUsage(UsageEvent(identifier: charge.key, customer: customer, timestamp: now))
                outcome = .succeeded(reference: reference)
            default:
                let day = context.date.description
                outcome = try await provider.charge(ChargeRequest(
                    idempotencyKey: charge.key, customer: customer, paymentMethod: charge.paymentMethod!, amount: charge.amount,
                    description: "PlumberLeads lead \(charge.leadID) (\(day))",
                    metadata: ["assignment_id": String(charge.assignmentID), "lead_id": String(charge.leadID), "business_date": day]))
            }
        }
        context.failpoints.reach(.bill, "after-provider")
        try await settle(charge, outcome!, context: context, reallocation: reallocation)
        return outcome!
    }

    /// Commits the outcome; a decline also releases the lead to the next eligible plumber.
    func settle(_ charge: PendingCharge, _ outcome: ChargeOutcome, context: StageContext, reallocation: LeadReallocation) async throws {
        try await context.commitChunk { connection in
            switch outcome {
            case .succeeded(let reference):
                try await connection.query("""
                    UPDATE charges SET status = 'succeeded', provider_ref = \(reference), settled_at = now() WHERE id = \(charge.id)
                    """, logger: context.logger)
                return .init(rowsOut: 1)
            case .processing(let reference):
                try await connection.query("UPDATE charges SET provider_ref = \(reference) WHERE id = \(charge.id)", logger: context.logger)
                return .init()
            case .declined(let reference, let reason):
                try await connection.query("""
                    UPDATE charges SET status = 'declined', provider_ref = \(reference), failure_code = \(reason),
                                       failure_reason = \(reason), settled_at = now() WHERE id = \(charge.id)
                    """, logger: context.logger)
                try await reallocation.release(assignmentID: charge.assignmentID, leadID: charge.leadID, reason: reason, on: connection)
                return .init(rowsRejected: 1)
            }
        }
    }
}
