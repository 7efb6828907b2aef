import Foundation
import LeadModel
import PostgresNIO

/// Loads a business day's headline figures (`DaySummary`) from the stages' tables.
public struct DaySummaries: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    public func load(date: BusinessDate) async throws -> DaySummary {
        let day = date.description
        let row = try await session.rows("""
            SELECT
              (SELECT count(*) FROM source_files WHERE business_date = \(day)::date AND status = 'loaded')::int,
              (SELECT COALESCE(sum(rows_read), 0) FROM source_files WHERE business_date = \(day)::date)::int,
              (SELECT count(*) FROM raw_leads WHERE business_date = \(day)::date)::int,
              (SELECT COALESCE(sum(rows_rejected), 0) FROM source_files WHERE business_date = \(day)::date)::int,
              (SELECT COALESCE(sum(rows_repeated), 0) FROM source_files WHERE business_date = \(day)::date)::int,
              (SELECT count(*) FROM leads WHERE business_date = \(day)::date AND NOT valid)::int,
              (SELECT count(*) FROM lead_dedup WHERE business_date = \(day)::date AND status = 'duplicate')::int,
              (SELECT count(*) FROM leads l WHERE business_date = \(day)::date AND valid
                 AND NOT EXISTS (SELECT 1 FROM lead_dedup d WHERE d.lead_id = l.id AND d.status = 'duplicate'))::int,
              (SELECT count(*) FROM lead_match_status WHERE business_date = \(day)::date AND status = 'assigned')::int,
              (SELECT count(*) FROM lead_match_status WHERE business_date = \(day)::date AND status = 'unsold')::int,
              (SELECT count(*) FROM charges WHERE business_date = \(day)::date AND status = 'succeeded')::int,
              (SELECT COALESCE(sum(amount_cents), 0) FROM charges WHERE business_date = \(day)::date AND status = 'succeeded')::bigint,
              (SELECT count(*) FROM notifications WHERE business_date = \(day)::date AND channel = 'email' AND status = 'sent' AND plumber_id IS NOT NULL)::int,
              (SELECT count(*) FROM notifications WHERE business_date = \(day)::date AND channel = 'sms' AND status = 'sent')::int,
              (SELECT count(*) FROM notifications WHERE business_date = \(day)::date AND channel = 'sms' AND status = 'withheld')::int,
              (SELECT count(*) FROM charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
               WHERE c.business_date = \(day)::date AND c.status = 'succeeded' AND l.urgency = 'emergency'
                 AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.assignment_id = a.id AND n.channel = 'sms'))::int,
              (SELECT count(*) FROM notifications WHERE business_date = \(day)::date AND recipient IS NOT NULL AND status = 'sent')::int
            """)[0]
        let (files, read, leads, rejected, repeated, invalid, duplicates, unique, matched, unsold, charges, billed, emails, sms, withheld, noConsent, admins) =
            try row.decode((Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int64, Int, Int, Int, Int, Int).self)
        let failed = try await session.rows("""
            SELECT name || ': ' || COALESCE(error, 'failed') FROM source_files
            WHERE business_date = \(day)::date AND status = 'failed' ORDER BY name
            """).map { try $0.decode(String.self) }
        let unsubscribed = try await DigestOptOuts.charged(on: date, in: session)
        return DaySummary(
            files: files, failedFiles: failed, rowsRead: read, leadsIn: leads, rejectedRows: rejected, repeatedRows: repeated, invalid: invalid,
            duplicates: duplicates, unique: unique, matched: matched, unsold: unsold, charges: charges, billedCents: billed,
            emailsSent: emails, smsSent: sms, smsWithheld: withheld, smsWithoutConsent: noConsent, adminSummaries: admins,
            unsubscribedSkipped: unsubscribed)
    }
}
