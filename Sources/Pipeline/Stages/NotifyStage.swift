import Foundation
import LeadModel
import Notify
import PostgresNIO
import Store

/// Sends each plumber one digest email per day of the leads they were charged for, and an SMS right
/// away for each emergency lead. Every message is an outbox row first (unique key); a row is marked
/// `sending` before the send and `sent` after. A row found `sending` after a crash is re-sent only on an
/// idempotent channel; otherwise it becomes `maybe_sent` for ops to decide.
struct NotifyStage: Stage {
    let name = StageName.notify

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        try await context.commitChunk { connection in
            let rows = try await connection.query("""
                WITH created AS (
                    INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, assignment_id, status)
                    SELECT plumber_id, \(day)::date, 'email', 'digest-' || \(day) || '-p' || plumber_id, NULL, 'pending'
                    FROM charges WHERE business_date = \(day)::date AND status = 'succeeded' GROUP BY plumber_id
                    UNION ALL
                    SELECT c.plumber_id, \(day)::date, 'sms', 'sms-' || \(day) || '-a' || a.id, a.id, 'pending'
                    FROM charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
                    WHERE c.business_date = \(day)::date AND c.status = 'succeeded' AND l.urgency = 'emergency'
                    ON CONFLICT (idempotency_key) DO NOTHING
                    RETURNING 1)
                SELECT count(*) FROM created
                """, logger: context.logger).collect()
            return .init(rowsIn: try rows[0].decode(Int64.self))
        }
        let roster = try await PlumberRepository(database: context.database, cipher: context.services.cipher).all()
        let plumbers = Dictionary(uniqueKeysWithValues: roster.map { ($0.id, $0.plumber) })
        let outbox = try await context.database.rows("""
            SELECT id, plumber_id, channel, idempotency_key, assignment_id, status FROM notifications
            WHERE business_date = \(day)::date AND status IN ('pending', 'sending') ORDER BY id
            """)
        for row in outbox {
            let (id, plumberID, channel, key, assignmentID, status) = try row.decode((Int64, Int64, String, String, Int64?, String).self)
            guard let plumber = plumbers[plumberID] else { continue }
            if status == "sending" && !context.services.channel.isIdempotent {
                try await context.commitChunk { connection in
                    try await connection.query("UPDATE notifications SET status = 'maybe_sent' WHERE id = \(id)", logger: context.logger)
                    context.logger.warning("notify: \(key) may have been sent before a crash; not re-sent (see `plumberleads runs`)")
                    return .init(rowsRejected: 1)
                }
                continue
            }
            try await context.transaction { connection in
                _ = try await connection.query(
                    "UPDATE notifications SET status = 'sending', attempts = attempts + 1 WHERE id = \(id)", logger: context.logger)
            }
            context.failpoints.reach(.notify, "after-sending-mark")
            let items = try await Self.items(plumberID: plumberID, assignmentID: assignmentID, day: day, context: context)
            do {
                if channel == "email" {
                    let digest = Digest(plumberID: plumber.externalID, businessName: plumber.businessName, email: plumber.email, date: context.date, items: items)
                    try await context.services.channel.send(context.services.messages.email(for: digest), key: key)
                } else if let item = items.first {
                    try await context.services.channel.send(context.services.messages.sms(for: item, to: plumber.mobile), key: key)
                }
            } catch {
                // The channel is down: leave the message queued for the next run.
                context.logger.error("notify: \(key) not sent: \(error)")
                try await context.commitChunk { connection in
                    try await connection.query(
                        "UPDATE notifications SET status = 'pending', last_error = \(String(describing: error)) WHERE id = \(id)",
                        logger: context.logger)
                    return .init(rowsRejected: 1)
                }
                continue
            }
            context.failpoints.reach(.notify, "after-send")
            try await context.commitChunk { connection in
                try await connection.query(
                    "UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = \(id)", logger: context.logger)
                return .init(rowsOut: 1)
            }
        }
    }

    /// The charged leads of a digest (all the plumber's for the day) or of one SMS (one assignment).
    static func items(plumberID: Int64, assignmentID: Int64?, day: String, context: StageContext) async throws -> [Digest.Item] {
        let cipher = context.services.cipher
        var items: [Digest.Item] = []
        for try await (leadID, name, phone, email, street, city, state, zip, service, urgency, cents, currency, quality, reasons) in try await context.database.connection.query("""
            SELECT l.id, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, l.city, l.state, l.zip, l.service, l.urgency,
                   a.price_cents, a.currency, l.quality::int, l.quality_reasons
            FROM assignments a JOIN leads l ON l.id = a.lead_id JOIN charges c ON c.assignment_id = a.id
            WHERE a.plumber_id = \(plumberID) AND a.business_date = \(day)::date AND c.status = 'succeeded'
              AND (\(assignmentID)::bigint IS NULL OR a.id = \(assignmentID))
            ORDER BY (l.urgency = 'emergency') DESC, l.id
            """, logger: context.logger).decode((Int64, Data?, Data?, Data?, Data?, String?, String?, String?, String, String, Int64, String, Int, [String]).self) {
            let street = try cipher.decrypt(street)
            let place = [city, [state, zip].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            items.append(Digest.Item(
                leadID: leadID, name: try cipher.decrypt(name) ?? "(no name given)", phone: try cipher.decrypt(phone) ?? "",
                email: try cipher.decrypt(email), address: [street, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
                service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible,
                price: Money(cents: cents, currency: currency), quality: quality, qualityReasons: reasons))
        }
        return items
    }
}
