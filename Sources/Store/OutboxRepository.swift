import Foundation
import LeadModel
import Logging
import PostgresNIO

/// The notification outbox (`notifications`, `digest_items`): which messages a day owes, what each
/// digest holds, and the marks before and after a send.
public struct OutboxRepository: Sendable {
    /// One queued message.
    public struct Message: Sendable, Hashable {
        public var id: Int64
        public var plumberID: Int64
        public var channel: String
        public var key: String
        /// The lead an SMS is about; nil for a digest.
        public var assignmentID: Int64?
        public var status: String
        /// 1 for the day's first digest, 2… for follow-ups of leads charged after it.
        public var sequence: Int
    }

    /// One charged lead as a message shows it (decrypted by the caller).
    public struct Item: Sendable {
        public var leadID: Int64
        public var name, phone, email, street: Data?
        public var city, state, zip: String?
        public var service, urgency: String
        public var priceCents: Int64
        public var currency: String
        public var quality: Int
        public var qualityReasons: [String]
    }

    public let connection: PostgresConnection
    public let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Queues what `day` owes: an SMS per charged emergency lead, and a digest per plumber holding every
    /// charged lead of the day that is in no digest yet (the day's first, or a follow-up). Returns how
    /// many messages it queued. Keys: `sms-DAY-aID`, `digest-DAY-pID` then `digest-DAY-pID-2`, ….
    public func queue(day: BusinessDate) async throws -> Int64 {
        let date = day.description
        let sms = try await connection.query("""
            WITH created AS (
                INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, assignment_id, status)
                SELECT c.plumber_id, \(date)::date, 'sms', 'sms-' || \(date) || '-a' || a.id, a.id, 'pending'
                FROM charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
                WHERE c.business_date = \(date)::date AND c.status = 'succeeded' AND l.urgency = 'emergency'
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM created
            """, logger: logger).collect()[0].decode(Int64.self)
        let digests = try await connection.query("""
            WITH waiting AS (
                SELECT c.plumber_id, c.assignment_id
                FROM charges c
                WHERE c.business_date = \(date)::date AND c.status = 'succeeded'
                  AND NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.assignment_id = c.assignment_id)),
            digests AS (
                INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, status)
                SELECT w.plumber_id, \(date)::date, 'email',
                       'digest-' || \(date) || '-p' || w.plumber_id || CASE WHEN prior.n = 0 THEN '' ELSE '-' || (prior.n + 1) END,
                       'pending'
                FROM (SELECT DISTINCT plumber_id FROM waiting) w
                CROSS JOIN LATERAL (
                    SELECT count(*) AS n FROM notifications n
                    WHERE n.plumber_id = w.plumber_id AND n.business_date = \(date)::date AND n.channel = 'email') prior
                RETURNING id, plumber_id),
            items AS (
                INSERT INTO digest_items (notification_id, assignment_id)
                SELECT d.id, w.assignment_id FROM digests d JOIN waiting w USING (plumber_id)
                RETURNING 1)
            SELECT (SELECT count(*) FROM digests), (SELECT count(*) FROM items)
            """, logger: logger).collect()[0].decode((Int64, Int64).self)
        return sms + digests.0
    }

    /// The day's messages still to send (`pending`) or whose send was interrupted (`sending`), in order.
    public func unsent(day: BusinessDate) async throws -> [Message] {
        var messages: [Message] = []
        for try await (id, plumberID, channel, key, assignmentID, status, sequence) in try await connection.query("""
            SELECT n.id, n.plumber_id, n.channel, n.idempotency_key, n.assignment_id, n.status,
                   (SELECT count(*) FROM notifications e
                    WHERE e.plumber_id = n.plumber_id AND e.business_date = n.business_date AND e.channel = 'email' AND e.id <= n.id)::int
            FROM notifications n
            WHERE n.business_date = \(day.description)::date AND n.status IN ('pending', 'sending') ORDER BY n.id
            """, logger: logger).decode((Int64, Int64, String, String, Int64?, String, Int).self) {
            messages.append(Message(id: id, plumberID: plumberID, channel: channel, key: key, assignmentID: assignmentID, status: status, sequence: sequence))
        }
        return messages
    }

    /// The charged leads a message is about: a digest's items, or an SMS's one lead.
    public func items(of message: Message) async throws -> [Item] {
        var items: [Item] = []
        for try await row in try await connection.query("""
            SELECT l.id, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, l.city, l.state, l.zip, l.service, l.urgency,
                   a.price_cents, a.currency, l.quality::int, l.quality_reasons
            FROM assignments a JOIN leads l ON l.id = a.lead_id
            WHERE a.id = \(message.assignmentID)
               OR a.id IN (SELECT assignment_id FROM digest_items WHERE notification_id = \(message.id))
            ORDER BY (l.urgency = 'emergency') DESC, l.id
            """, logger: logger) {
            let (leadID, name, phone, email, street, city, state, zip, service, urgency, cents, currency, quality, reasons) =
                try row.decode((Int64, Data?, Data?, Data?, Data?, String?, String?, String?, String, String, Int64, String, Int, [String]).self)
            items.append(Item(
                leadID: leadID, name: name, phone: phone, email: email, street: street, city: city, state: state, zip: zip, service: service,
                urgency: urgency, priceCents: cents, currency: currency, quality: quality, qualityReasons: reasons))
        }
        return items
    }

    /// Marks a message as being sent, before the send (its own transaction, so a crash shows it).
    public func markSending(_ id: Int64) async throws {
        try await connection.execute("UPDATE notifications SET status = 'sending', attempts = attempts + 1 WHERE id = \(id)", logger: logger)
    }

    public func markSent(_ id: Int64) async throws {
        try await connection.execute("UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = \(id)", logger: logger)
    }

    /// Puts a message back in the queue after the channel refused it.
    public func markQueued(_ id: Int64, error: String) async throws {
        try await connection.execute("UPDATE notifications SET status = 'pending', last_error = \(error) WHERE id = \(id)", logger: logger)
    }

    /// A send interrupted on a channel that cannot be asked twice: ops decide.
    public func markMaybeSent(_ id: Int64) async throws {
        try await connection.execute("UPDATE notifications SET status = 'maybe_sent' WHERE id = \(id)", logger: logger)
    }
}
