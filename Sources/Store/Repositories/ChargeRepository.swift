import Foundation
import LeadModel
import PostgresNIO

/// The charge outbox (`charges`): one row per active assignment, its attempts and its outcome.
public struct ChargeRepository: Sendable {
    /// A charge waiting for the provider, with what billing it needs.
    public struct Pending: Sendable {
        public var id: Int64
        public var assignmentID: Int64
        public var method: ChargeMethod
        public var amount: Money
        public var key: IdempotencyKey
        public var firstAttempt: Date?
        public var customer: String?
        public var paymentMethod: String?
        public var leadID: Int64
        /// Why the plumber's card failed, if it has.
        public var cardFailure: String?
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Writes the row of every active assignment of `date` that has none, keyed by `IdempotencyKey.charge`;
    /// an included lead is settled at once (no money moves). Returns how many rows were written.
    public func writePending(date: BusinessDate, provider: String) async throws -> Int64 {
        var ids: [Int64] = [], plumbers: [Int64] = [], cents: [Int64] = [], currencies: [String] = [], keys: [String] = []
        var providers: [String] = [], statuses: [String] = [], methods: [String] = []
        for row in try await session.rows("""
            SELECT a.id, a.plumber_id, a.price_cents, a.currency, a.billing FROM assignments a
            WHERE a.business_date = \(date.description)::date AND a.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.assignment_id = a.id)
            ORDER BY a.id
            """) {
            let (id, plumber, price, currency, billing) = try row.decode((Int64, Int64, Int64, String, String).self)
            let method = ChargeMethod(SaleBilling(rawValue: billing) ?? .charge)
            ids.append(id)
            plumbers.append(plumber)
            cents.append(price)
            currencies.append(currency)
            keys.append(IdempotencyKey.charge(day: date, assignment: id).rawValue)
            providers.append(method == .included ? "plan" : provider)
            statuses.append((method == .included ? ChargeStatus.succeeded : .pending).rawValue)
            methods.append(method.rawValue)
        }
        guard !ids.isEmpty else { return 0 }
        try await session.execute("""
            INSERT INTO charges (assignment_id, plumber_id, business_date, amount_cents, currency, idempotency_key, provider, status, method, settled_at)
            SELECT id, plumber, \(date.description)::date, cents, currency, key, provider, status, method,
                   CASE WHEN method = \(ChargeMethod.included.rawValue) THEN now() END
            FROM unnest(\(ids), \(plumbers), \(cents), \(currencies), \(keys), \(providers), \(statuses), \(methods))
                 AS c(id, plumber, cents, currency, key, provider, status, method)
            ORDER BY id
            """)
        return Int64(ids.count)
    }

    /// The next pending charges of `date` after `after`, in id order.
    public func pending(date: BusinessDate, after: Int64, limit: Int) async throws -> [Pending] {
        try await session.rows("""
            SELECT c.id, c.assignment_id, c.method, c.amount_cents, c.currency, c.idempotency_key, c.first_attempt_at,
                   p.stripe_customer, p.stripe_payment_method, a.lead_id, p.card_failure
            FROM charges c JOIN plumbers p ON p.id = c.plumber_id JOIN assignments a ON a.id = c.assignment_id
            WHERE c.business_date = \(date.description)::date AND c.status = 'pending' AND c.id > \(after)
            ORDER BY c.id LIMIT \(limit)
            """).map { row in
            let c = try row.decode((Int64, Int64, String, Int64, String, String, Date?, String?, String?, Int64, String?).self)
            return Pending(
                id: c.0, assignmentID: c.1, method: ChargeMethod(rawValue: c.2) ?? .paymentIntent, amount: Money(cents: c.3, currency: c.4),
                key: IdempotencyKey(rawValue: c.5), firstAttempt: c.6, customer: c.7, paymentMethod: c.8, leadID: c.9, cardFailure: c.10)
        }
    }

    /// Counts an attempt and keeps the time of the first, before the request is sent.
    public func recordAttempt(_ id: Int64, at now: Date) async throws {
        try await session.execute("UPDATE charges SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, \(now)) WHERE id = \(id)")
    }

    public func markSucceeded(_ id: Int64, reference: String) async throws {
        try await session.execute("UPDATE charges SET status = 'succeeded', provider_ref = \(reference), settled_at = now() WHERE id = \(id)")
    }

    /// Keeps the provider's reference of a charge still processing (it stays pending).
    public func markProcessing(_ id: Int64, reference: String) async throws {
        try await session.execute("UPDATE charges SET provider_ref = \(reference) WHERE id = \(id)")
    }

    public func markDeclined(_ id: Int64, reference: String?, reason: String) async throws {
        try await session.execute("""
            UPDATE charges SET status = 'declined', provider_ref = \(reference), failure_code = \(reason), failure_reason = \(reason),
                               settled_at = now() WHERE id = \(id)
            """)
    }
}
