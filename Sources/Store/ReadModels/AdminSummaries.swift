import Foundation
import LeadModel
import PostgresNIO

/// Loads a business day's `AdminSummary` from the stages' tables.
public struct AdminSummaries: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    public func load(day: BusinessDate) async throws -> AdminSummary {
        let date = day.description
        let (leads, sold, unsold, revenue, credits, credited, maybe) = try await session.rows("""
            SELECT (SELECT count(*) FROM raw_leads WHERE business_date = \(date)::date)::int,
                   (SELECT count(*) FROM lead_match_status WHERE business_date = \(date)::date AND status = 'assigned')::int,
                   (SELECT count(*) FROM lead_match_status WHERE business_date = \(date)::date AND status = 'unsold')::int,
                   (SELECT COALESCE(sum(amount_cents), 0) FROM charges WHERE business_date = \(date)::date AND status = 'succeeded')::bigint,
                   (SELECT count(*) FROM credits WHERE business_date = \(date)::date)::int,
                   (SELECT COALESCE(sum(amount_cents), 0) FROM credits WHERE business_date = \(date)::date)::bigint,
                   (SELECT count(*) FROM notifications WHERE business_date = \(date)::date AND status = \(NotificationStatus.maybeSent.rawValue))::int
            """)[0].decode((Int, Int, Int, Int64, Int, Int64, Int).self)
        let reasons = try await session.rows("""
            SELECT unsold_kind, count(*)::int FROM lead_match_status WHERE business_date = \(date)::date AND status = 'unsold'
            GROUP BY 1 ORDER BY 2 DESC, 1
            """).map { try $0.decode((String, Int).self) }.map { AdminSummary.Reason($0.0, $0.1) }
        let failed = try await session.rows("""
            SELECT idempotency_key || ': ' || COALESCE(last_error, 'failed'), 1 FROM notifications
            WHERE business_date = \(date)::date AND status = \(NotificationStatus.failed.rawValue) ORDER BY id
            """).map { try $0.decode((String, Int).self) }.map { AdminSummary.Reason($0.0, $0.1) }
        let unsubscribed = try await DigestOptOuts.charged(on: day, in: session)
        return AdminSummary(
            day: day, leadsIn: leads, sold: sold, unsold: unsold, revenue: Money(cents: revenue), unsoldReasons: reasons, credits: credits,
            credited: Money(cents: credited), failedMessages: failed, maybeSent: maybe,
            unsubscribed: unsubscribed)
    }
}
