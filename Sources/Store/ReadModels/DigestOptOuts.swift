import Foundation
import LeadModel
import PostgresNIO

/// The plumbers charged on a day who unsubscribed from digests: no digest went to them, their leads
/// stay theirs (the day's summary and the admins' both name them).
enum DigestOptOuts {
    /// Their roster ids, in order.
    static func charged(on day: BusinessDate, in session: DatabaseSession) async throws -> [String] {
        try await session.rows("""
            SELECT DISTINCT p.external_id FROM charges c JOIN plumbers p ON p.id = c.plumber_id
            WHERE c.business_date = \(day.description)::date AND c.status = \(ChargeStatus.succeeded.rawValue) AND p.digest_unsubscribed_at IS NOT NULL
            ORDER BY p.external_id
            """).map { try $0.decode(String.self) }
    }
}
