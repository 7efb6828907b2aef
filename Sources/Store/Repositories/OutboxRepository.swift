import Foundation
import LeadModel
import PostgresNIO

/// The notification outbox (`notifications`, `digest_items`): which messages a day owes, what each
/// digest holds, and the marks before and after a send.
public struct OutboxRepository: Sendable {
    /// One queued message.
    public struct Message: Sendable, Hashable {
        public var id: Int64
        public var plumberID: Int64
        public var channel: NotificationChannel
        public var key: IdempotencyKey
        /// The lead an SMS is about; nil for a digest.
        public var assignmentID: Int64?
        public var status: NotificationStatus
        /// 1 for the day's first digest, 2… for follow-ups of leads charged after it.
        public var sequence: Int
    }

    /// One charged lead as a message shows it (decrypted by the caller).
    public struct Item: Sendable {
        public var leadID: Int64
        /// The sale the message is about (its signed links name it, never the lead's person).
        public var assignmentID: Int64
        public var name, phone, email, street: Data?
        public var city, state, zip: String?
        public var service, urgency: String
        public var priceCents: Int64
        public var currency: String
        public var quality: Int
        public var qualityReasons: [String]
        /// The raw lead's encrypted payload, for what the person wrote (`ownWords(using:)`).
        var payload: Data

        /// What the person wrote in the form, in their own words: the problem and when they want it
        /// done (the form's answers, before any classification).
        public func ownWords(using cipher: PIICipher) throws -> (details: String?, when: String?) {
            try LeadPayload.ownWords(payload, cipher: cipher)
        }
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Queues what `day` owes: an SMS per charged emergency lead (to a plumber whose consent is in
    /// force), and a digest per plumber (who has not unsubscribed) holding every charged lead of the day
    /// that is in no digest yet (the day's first, or a follow-up). Returns how
    /// many messages it queued. Keys come from `IdempotencyKey.sms` and `IdempotencyKey.digest`.
    public func queue(day: BusinessDate) async throws -> Int64 {
        try await queueSMS(day: day) + queueDigests(day: day)
    }

    /// A text only for a plumber with a consent in force, which the row names (the table refuses a text without one).
    private func queueSMS(day: BusinessDate) async throws -> Int64 {
        var plumbers: [Int64] = [], assignments: [Int64] = [], keys: [String] = [], consents: [Int64] = []
        for row in try await session.rows("""
            SELECT c.plumber_id, a.id, sc.id
            FROM charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
            JOIN sms_consents sc ON sc.plumber_id = c.plumber_id AND sc.revoked_at IS NULL
            WHERE c.business_date = \(day.description)::date AND c.status = \(ChargeStatus.succeeded.rawValue)
              AND l.urgency = \(Urgency.emergency.rawValue)
              AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.assignment_id = a.id AND n.channel = \(NotificationChannel.sms.rawValue))
            ORDER BY a.id
            """) {
            let (plumber, assignment, consent) = try row.decode((Int64, Int64, Int64).self)
            plumbers.append(plumber)
            assignments.append(assignment)
            consents.append(consent)
            keys.append(IdempotencyKey.sms(day: day, assignment: assignment).rawValue)
        }
        guard !keys.isEmpty else { return 0 }
        return try await session.value("""
            WITH created AS (
                INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, assignment_id, status, consent_id)
                SELECT plumber, \(day.description)::date, \(NotificationChannel.sms.rawValue), key, assignment, \(NotificationStatus.pending.rawValue), consent
                FROM unnest(\(plumbers), \(assignments), \(keys), \(consents)) AS s(plumber, assignment, key, consent)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM created
            """)
    }

    /// A digest per plumber (who has not unsubscribed) with charged leads of `day` in no digest yet, or
    /// credits settled by `day` not told yet; the digest holds both.
    private func queueDigests(day: BusinessDate) async throws -> Int64 {
        var waiting: [Int64: [Int64]] = [:]
        var credits: [Int64: [Int64]] = [:]
        for row in try await session.rows("""
            SELECT c.plumber_id, c.assignment_id
            FROM charges c JOIN plumbers p ON p.id = c.plumber_id AND p.digest_unsubscribed_at IS NULL
            WHERE c.business_date = \(day.description)::date AND c.status = \(ChargeStatus.succeeded.rawValue)
              AND NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.assignment_id = c.assignment_id)
            ORDER BY c.plumber_id, c.assignment_id
            """) {
            let (plumber, assignment) = try row.decode((Int64, Int64).self)
            waiting[plumber, default: []].append(assignment)
        }
        for row in try await session.rows("""
            SELECT c.plumber_id, c.id
            FROM credits c JOIN plumbers p ON p.id = c.plumber_id AND p.digest_unsubscribed_at IS NULL
            WHERE c.business_date <= \(day.description)::date
              AND c.status IN (\(CreditStatus.refunded.rawValue), \(CreditStatus.credited.rawValue))
              AND NOT EXISTS (SELECT 1 FROM digest_credits d WHERE d.credit_id = c.id)
            ORDER BY c.plumber_id, c.id
            """) {
            let (plumber, credit) = try row.decode((Int64, Int64).self)
            credits[plumber, default: []].append(credit)
        }
        let plumbers = Set(waiting.keys).union(credits.keys).sorted()
        guard !plumbers.isEmpty else { return 0 }
        var prior: [Int64: Int] = [:]
        for row in try await session.rows("""
            SELECT plumber_id, count(*)::int FROM notifications
            WHERE business_date = \(day.description)::date AND channel = \(NotificationChannel.email.rawValue) AND plumber_id = ANY(\(plumbers))
            GROUP BY plumber_id
            """) {
            let (plumber, sent) = try row.decode((Int64, Int).self)
            prior[plumber] = sent
        }
        for plumber in plumbers {
            let key = IdempotencyKey.digest(day: day, plumber: plumber, sequence: (prior[plumber] ?? 0) + 1)
            let id: Int64 = try await session.value("""
                INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, status)
                VALUES (\(plumber), \(day.description)::date, \(NotificationChannel.email.rawValue), \(key.rawValue), \(NotificationStatus.pending.rawValue))
                RETURNING id
                """)
            try await session.execute("""
                INSERT INTO digest_items (notification_id, assignment_id) SELECT \(id), unnest(\(waiting[plumber] ?? []))
                """)
            try await session.execute("""
                INSERT INTO digest_credits (notification_id, credit_id) SELECT \(id), unnest(\(credits[plumber] ?? []))
                """)
        }
        return Int64(plumbers.count)
    }

    /// A credit a digest tells its plumber about.
    public struct ToldCredit: Sendable, Hashable {
        public var leadID: Int64
        public var date: BusinessDate
        public var amountCents: Int64
        public var currency: String
        public var status: CreditStatus
        public var reason: String
    }

    /// The credits digest `message` tells, in the order they were given.
    public func credits(of message: Message) async throws -> [ToldCredit] {
        try await session.rows("""
            SELECT a.lead_id, c.business_date::text, c.amount_cents, c.currency, c.status, c.reason
            FROM digest_credits d JOIN credits c ON c.id = d.credit_id JOIN assignments a ON a.id = c.assignment_id
            WHERE d.notification_id = \(message.id)
            ORDER BY c.id
            """).map { row in
            let (lead, date, cents, currency, status, reason) = try row.decode((Int64, String, Int64, String, String, String).self)
            guard let status = CreditStatus(rawValue: status) else { throw StoreError(.unexpectedValue, "a credit of lead \(lead) has status \(status)") }
            return ToldCredit(leadID: lead, date: try BusinessDate(parsing: date), amountCents: cents, currency: currency, status: status, reason: reason)
        }
    }

    /// The day's messages still to send (`pending`) or whose send was interrupted (`sending`), in order.
    public func unsent(day: BusinessDate) async throws -> [Message] {
        try await session.rows("""
            SELECT n.id, n.plumber_id, n.channel, n.idempotency_key, n.assignment_id, n.status,
                   (SELECT count(*) FROM notifications e
                    WHERE e.plumber_id = n.plumber_id AND e.business_date = n.business_date
                      AND e.channel = \(NotificationChannel.email.rawValue) AND e.id <= n.id)::int
            FROM notifications n
            WHERE n.business_date = \(day.description)::date AND n.plumber_id IS NOT NULL
              AND n.status IN (\(NotificationStatus.pending.rawValue), \(NotificationStatus.sending.rawValue))
            ORDER BY n.id
            """).map { row in
            let (id, plumberID, channel, key, assignmentID, status, sequence) = try row.decode((Int64, Int64, String, String, Int64?, String, Int).self)
            guard let channel = NotificationChannel(rawValue: channel), let status = NotificationStatus(rawValue: status) else {
                throw StoreError(.unexpectedValue, "notification \(id) has channel \(channel), status \(status)")
            }
            return Message(
                id: id, plumberID: plumberID, channel: channel, key: IdempotencyKey(rawValue: key), assignmentID: assignmentID,
                status: status, sequence: sequence)
        }
    }

    /// The charged leads a message is about: a digest's items, or an SMS's one lead.
    public func items(of message: Message) async throws -> [Item] {
        try await session.rows("""
            SELECT l.id, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, l.city, l.state, l.zip, l.service, l.urgency,
                   a.price_cents, a.currency, l.quality::int, l.quality_reasons, a.id, r.payload_enc
            FROM assignments a JOIN leads l ON l.id = a.lead_id JOIN raw_leads r ON r.id = l.raw_lead_id
            WHERE a.id = \(message.assignmentID)
               OR a.id IN (SELECT assignment_id FROM digest_items WHERE notification_id = \(message.id))
            ORDER BY (l.urgency = \(Urgency.emergency.rawValue)) DESC, l.id
            """).map { row in
            let (leadID, name, phone, email, street, city, state, zip, service, urgency, cents, currency, quality, reasons, assignment, payload) =
                try row.decode((Int64, Data?, Data?, Data?, Data?, String?, String?, String?, String, String, Int64, String, Int, [String], Int64, Data).self)
            return Item(
                leadID: leadID, assignmentID: assignment, name: name, phone: phone, email: email, street: street, city: city, state: state, zip: zip, service: service,
                urgency: urgency, priceCents: cents, currency: currency, quality: quality, qualityReasons: reasons, payload: payload)
        }
    }

    /// A summary to an admin waiting to go out.
    public struct AdminMessage: Sendable, Hashable {
        public var id: Int64
        public var recipient: String
        public var key: IdempotencyKey
        public var status: NotificationStatus
    }

    /// Queues the day's summary to each of `recipients` (once each, keyed by position) and returns the
    /// ones not sent yet, in order.
    public func queueAdminSummaries(day: BusinessDate, recipients: [String]) async throws -> [AdminMessage] {
        for (index, recipient) in recipients.enumerated() {
            try await session.execute("""
                INSERT INTO notifications (business_date, channel, idempotency_key, status, recipient)
                VALUES (\(day.description)::date, \(NotificationChannel.email.rawValue), \(IdempotencyKey.adminSummary(day: day, position: index + 1).rawValue),
                        \(NotificationStatus.pending.rawValue), \(recipient))
                ON CONFLICT (idempotency_key) DO NOTHING
                """)
        }
        return try await session.rows("""
            SELECT id, recipient, idempotency_key, status FROM notifications
            WHERE business_date = \(day.description)::date AND recipient IS NOT NULL
              AND status IN (\(NotificationStatus.pending.rawValue), \(NotificationStatus.sending.rawValue))
            ORDER BY id
            """).map { row in
            let (id, recipient, key, status) = try row.decode((Int64, String, String, String).self)
            guard let status = NotificationStatus(rawValue: status) else { throw StoreError(.unexpectedValue, "notification \(id) has status \(status)") }
            return AdminMessage(id: id, recipient: recipient, key: IdempotencyKey(rawValue: key), status: status)
        }
    }

    /// Marks a message as being sent, before the send (its own transaction, so a crash shows it).
    public func markSending(_ id: Int64) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.sending.rawValue), attempts = attempts + 1 WHERE id = \(id)
            """)
    }

    /// Marks a message as delivered to the channel, with the provider's id for it.
    public func markSent(_ id: Int64, reference: String? = nil) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.sent.rawValue), sent_at = now(), last_error = NULL, provider_ref = \(reference)
            WHERE id = \(id)
            """)
    }

    /// Puts a message back in the queue after the channel refused it.
    public func markQueued(_ id: Int64, error: String) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.pending.rawValue), last_error = \(error) WHERE id = \(id)
            """)
    }

    /// A send interrupted, or answered ambiguously, on a channel that cannot be asked twice: ops decide.
    public func markMaybeSent(_ id: Int64, reason: String? = nil) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.maybeSent.rawValue), last_error = COALESCE(\(reason), last_error) WHERE id = \(id)
            """)
    }

    /// A text not sent because it fell outside the recipient's texting hours (the digest carries the lead).
    public func markWithheld(_ id: Int64, reason: String) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.withheld.rawValue), last_error = \(reason) WHERE id = \(id)
            """)
    }

    /// The provider refused the message for good.
    public func markFailed(_ id: Int64, reason: String) async throws {
        try await session.execute("""
            UPDATE notifications SET status = \(NotificationStatus.failed.rawValue), last_error = \(reason) WHERE id = \(id)
            """)
    }

    /// The recipient's number opted out at the provider: the message failed, and the plumber's mobile is
    /// marked opted out.
    public func markOptedOut(_ id: Int64, plumberID: Int64?, reason: String) async throws {
        try await markFailed(id, reason: reason)
        guard let plumberID else { return }
        try await session.execute("UPDATE plumbers SET sms_opted_out_at = COALESCE(sms_opted_out_at, now()) WHERE id = \(plumberID)")
    }

    /// Every message whose send may or may not have happened, oldest first.
    public func maybeSent() async throws -> [MaybeSentMessage] {
        try await session.rows("""
            SELECT n.id, n.business_date::text, n.channel, n.idempotency_key, COALESCE(p.external_id, n.recipient), n.attempts, n.last_error
            FROM notifications n LEFT JOIN plumbers p ON p.id = n.plumber_id
            WHERE n.status = \(NotificationStatus.maybeSent.rawValue) ORDER BY n.id
            """).map { row in
            let (id, day, channel, key, plumber, attempts, reason) = try row.decode((Int64, String, String, String, String, Int, String?).self)
            guard let channel = NotificationChannel(rawValue: channel) else { throw StoreError(.unexpectedValue, "notification \(id) has channel \(channel)") }
            return MaybeSentMessage(id: id, day: day, channel: channel, key: IdempotencyKey(rawValue: key), plumber: plumber, attempts: attempts, reason: reason)
        }
    }

    /// Ops' decision on a `maybe_sent` message: it did arrive (`sent`), or send it again (`pending`; the day's
    /// next notify run sends it). Returns the message's day, nil when no `maybe_sent` message has that id.
    public func resolveMaybeSent(_ id: Int64, as status: NotificationStatus) async throws -> String? {
        precondition(status == .sent || status == .pending, "a maybe-sent message is resolved as sent or pending")
        return try await session.rows("""
            UPDATE notifications SET status = \(status.rawValue),
                   sent_at = CASE WHEN \(status.rawValue) = \(NotificationStatus.sent.rawValue) THEN now() END,
                   last_error = 'resolved by ops as ' || \(status.rawValue) || COALESCE(' after: ' || last_error, '')
            WHERE id = \(id) AND status = \(NotificationStatus.maybeSent.rawValue)
            RETURNING business_date::text
            """).first?.decode(String.self)
    }
}
