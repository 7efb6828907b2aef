import Foundation
import LeadModel
import PostgresNIO
import Store

/// Marks each valid lead of the day unique or a duplicate: a duplicate shares the phone or the email
/// (by blind index) with an earlier valid lead of the same day or of the window's previous days.
/// Set-based: one UPDATE per chunk, the decision and its reason stored on the lead.
struct DedupStage: Stage {
    let name = StageName.dedup

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        let windowStart = context.date.adding(days: -context.definition.dedupWindowDays).description
        let size = context.definition.chunkSize
        while true {
            var done = false
            try await context.commitChunk { connection in
                let rows = try await connection.query("""
                    WITH chunk AS (
                        SELECT id, business_date, phone_bidx, email_bidx FROM leads
                        WHERE business_date = \(day)::date AND valid AND dedup_status IS NULL
                        ORDER BY id LIMIT \(size) FOR UPDATE),
                    decided AS (
                        SELECT c.id, m.id AS match_id, m.same_phone
                        FROM chunk c
                        LEFT JOIN LATERAL (
                            SELECT e.id, (c.phone_bidx IS NOT NULL AND e.phone_bidx = c.phone_bidx) AS same_phone
                            FROM leads e
                            WHERE e.valid AND e.id <> c.id
                              AND ((c.phone_bidx IS NOT NULL AND e.phone_bidx = c.phone_bidx)
                                   OR (c.email_bidx IS NOT NULL AND e.email_bidx = c.email_bidx))
                              AND e.business_date BETWEEN \(windowStart)::date AND c.business_date
                              AND (e.business_date < c.business_date OR e.id < c.id)
                            ORDER BY e.business_date, e.id LIMIT 1) m ON true),
                    updated AS (
                        UPDATE leads l SET
                            dedup_status = CASE WHEN d.match_id IS NULL THEN 'unique' ELSE 'duplicate' END,
                            duplicate_of = d.match_id,
                            dedup_reason = CASE WHEN d.match_id IS NULL THEN 'no earlier lead with this phone or email'
                                                WHEN d.same_phone THEN 'same phone as lead ' || d.match_id
                                                ELSE 'same email as lead ' || d.match_id END
                        FROM decided d WHERE l.id = d.id
                        RETURNING l.dedup_status)
                    SELECT count(*), count(*) FILTER (WHERE dedup_status = 'duplicate') FROM updated
                    """, logger: context.logger).collect()
                let (total, duplicates) = try rows[0].decode((Int64, Int64).self)
                done = total == 0
                return .init(rowsIn: total, rowsOut: total - duplicates, rowsRejected: duplicates)
            }
            if done { return }
        }
    }
}
