import Foundation
import LeadModel
import PostgresNIO

/// The plumber roster in `plumbers`, contact data encrypted.
public struct PlumberRepository: Sendable {
    public let database: Database
    public let cipher: PIICipher

    public init(database: Database, cipher: PIICipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Inserts new plumbers and updates changed ones (by roster id), in one transaction; an unchanged
    /// plumber is left alone. Returns how many were inserted and updated.
    ///
    /// A plumber's `active` is the roster's status only when the roster changes it: a plumber ops paused
    /// (or resumed) stays so through imports of a roster that still gives the status it gave before.
    public func upsert(_ plumbers: [Plumber]) async throws -> (inserted: Int, updated: Int) {
        let known = Dictionary(uniqueKeysWithValues: try await all().map { stored in
            var asImported = stored.plumber
            asImported.active = stored.rosterActive
            return (stored.plumber.externalID, asImported)
        })
        return try await database.transaction { session in
                let connection = session.connection
            var inserted = 0, updated = 0
            for plumber in plumbers where known[plumber.externalID] != plumber {
                let email = try cipher.encrypt(plumber.email)
                let mobile = try cipher.encrypt(plumber.mobile)
                let (plan, included, overage) = Self.columns(plumber.plan)
                let rows = try await connection.query("""
                    INSERT INTO plumbers (external_id, business_name, email_enc, mobile_enc, zips, services, daily_cap, active,
                        base_zip, radius_miles, hours, time_zone, weekly_cap, monthly_budget_cents, plan, included_leads, overage_cents,
                        accepts_shared, tier, stripe_customer, stripe_payment_method, roster_active, status_set_at, alert_hours)
                    VALUES (\(plumber.externalID), \(plumber.businessName), \(email), \(mobile), \(plumber.zips.sorted()),
                            \(plumber.services.map(\.rawValue).sorted()), \(plumber.dailyCap), \(plumber.active),
                            \(plumber.baseZIP), \(plumber.radiusMiles), \(plumber.hours.text), \(plumber.timeZone), \(plumber.weeklyCap),
                            \(plumber.monthlyBudgetCents), \(plan), \(included), \(overage), \(plumber.acceptsShared), \(plumber.tier),
                            \(plumber.stripeCustomer), \(plumber.stripePaymentMethod), \(plumber.active), now(), \(plumber.alertHours.text))
                    ON CONFLICT (external_id) DO UPDATE SET business_name = EXCLUDED.business_name, email_enc = EXCLUDED.email_enc,
                        mobile_enc = EXCLUDED.mobile_enc, zips = EXCLUDED.zips, services = EXCLUDED.services,
                        daily_cap = EXCLUDED.daily_cap, base_zip = EXCLUDED.base_zip,
                        radius_miles = EXCLUDED.radius_miles, hours = EXCLUDED.hours, time_zone = EXCLUDED.time_zone,
                        weekly_cap = EXCLUDED.weekly_cap, monthly_budget_cents = EXCLUDED.monthly_budget_cents, plan = EXCLUDED.plan,
                        included_leads = EXCLUDED.included_leads, overage_cents = EXCLUDED.overage_cents,
                        accepts_shared = EXCLUDED.accepts_shared, tier = EXCLUDED.tier, stripe_customer = EXCLUDED.stripe_customer,
                        stripe_payment_method = EXCLUDED.stripe_payment_method, alert_hours = EXCLUDED.alert_hours,
                        card_failure = CASE WHEN plumbers.stripe_payment_method IS DISTINCT FROM EXCLUDED.stripe_payment_method
                                            THEN NULL ELSE plumbers.card_failure END,
                        card_failed_at = CASE WHEN plumbers.stripe_payment_method IS DISTINCT FROM EXCLUDED.stripe_payment_method
                                              THEN NULL ELSE plumbers.card_failed_at END,
                        active = CASE WHEN plumbers.roster_active <> EXCLUDED.roster_active THEN EXCLUDED.active ELSE plumbers.active END,
                        status_set_by = CASE WHEN plumbers.roster_active <> EXCLUDED.roster_active THEN 'roster' ELSE plumbers.status_set_by END,
                        status_set_at = CASE WHEN plumbers.roster_active <> EXCLUDED.roster_active THEN now() ELSE plumbers.status_set_at END,
                        roster_active = EXCLUDED.roster_active,
                        updated_at = now()
                    RETURNING (xmax = 0)
                    """, logger: database.logger).collect()
                if try rows[0].decode(Bool.self) { inserted += 1 } else { updated += 1 }
            }
            return (inserted, updated)
        }
    }

    /// Pauses (`active` false) or resumes a plumber for ops; false when no plumber has that roster id. A
    /// paused plumber gets no leads from the next match on. The status stands until ops change it again
    /// or a roster import changes the plumber's status in the roster.
    public func setActive(_ externalID: String, _ active: Bool) async throws -> Bool {
        let rows = try await database.rows("""
            UPDATE plumbers SET active = \(active), status_set_by = 'ops', status_set_at = now(), updated_at = now()
            WHERE external_id = \(externalID) RETURNING id
            """)
        return !rows.isEmpty
    }

    /// Stops (or restarts) a plumber's digests; false when no plumber has that roster id.
    public func setDigestsUnsubscribed(_ externalID: String, _ unsubscribed: Bool) async throws -> Bool {
        try await !database.rows("""
            UPDATE plumbers SET digest_unsubscribed_at = CASE WHEN \(unsubscribed) THEN COALESCE(digest_unsubscribed_at, now()) END, updated_at = now()
            WHERE external_id = \(externalID) RETURNING id
            """).isEmpty
    }

    /// The business name of plumber `rowID`, if there is one.
    public static func businessName(rowID: Int64, in session: DatabaseSession) async throws -> String? {
        try await session.rows("SELECT business_name FROM plumbers WHERE id = \(rowID)").first?.decode(String.self)
    }

    /// Stops plumber `rowID`'s digests as of `at` (their unsubscribe from a digest's link), in `session`.
    public static func unsubscribeDigests(rowID: Int64, at: Date, in session: DatabaseSession) async throws {
        try await session.execute("""
            UPDATE plumbers SET digest_unsubscribed_at = COALESCE(digest_unsubscribed_at, \(at)), updated_at = now() WHERE id = \(rowID)
            """)
    }

    /// Every plumber, by roster id.
    public func all() async throws -> [RosterEntry] {
        try await Self.all(in: database.session, cipher: cipher)
    }

    /// Why the cards of `plumbers` (row ids) fail now, for those that do (a decline earlier in this bill
    /// stage marked one failing).
    public static func cardFailures(of plumbers: [Int64], in session: DatabaseSession) async throws -> [Int64: String] {
        var failures: [Int64: String] = [:]
        for try await (plumber, failure) in try await session.connection.query(
            "SELECT id, card_failure FROM plumbers WHERE id = ANY(\(plumbers)) AND card_failure IS NOT NULL", logger: session.logger
        ).decode((Int64, String).self) {
            failures[plumber] = failure
        }
        return failures
    }

    /// Marks a plumber's card failing: no pay-per-lead leads until the roster brings another card.
    public static func markCardFailed(_ plumber: Int64, reason: String, in session: DatabaseSession) async throws {
        try await session.execute("UPDATE plumbers SET card_failure = \(reason), card_failed_at = now() WHERE id = \(plumber)")
    }

    /// Every plumber, by roster id, read in `session` (inside a caller's transaction, say).
    public static func all(in session: DatabaseSession, cipher: PIICipher) async throws -> [RosterEntry] {
        var result: [RosterEntry] = []
        let rows = try await session.connection.query("""
            SELECT id, external_id, business_name, email_enc, mobile_enc, zips, services, daily_cap, active, base_zip, radius_miles,
                   hours, time_zone, weekly_cap, monthly_budget_cents, plan, included_leads, overage_cents, accepts_shared, tier,
                   stripe_customer, stripe_payment_method, card_failure, roster_active, status_set_by, status_set_at, alert_hours,
                   digest_unsubscribed_at, sms_opted_out_at,
                   (SELECT revoked_at IS NULL FROM sms_consents sc WHERE sc.plumber_id = plumbers.id ORDER BY consented_at DESC LIMIT 1)
            FROM plumbers ORDER BY external_id
            """, logger: session.logger)
        for try await row in rows {
            let columns = try row.decode(
                (Int64, String, String, Data, Data, [String], [String], Int, Bool, String?, Int, String, String, Int?, Int64?, String, Int, Int64?,
                 Bool, Int, String?, String?, String?, Bool, String, Date?, String, Date?, Date?, Bool?).self)
            let plan: Plumber.Plan = columns.15 == "subscription" ? .subscription(included: columns.16, overageCents: columns.17 ?? 0) : .payPerLead
            let plumber = Plumber(
                externalID: columns.1, businessName: columns.2, email: try cipher.decrypt(columns.3), mobile: try cipher.decrypt(columns.4),
                zips: Set(columns.5), baseZIP: columns.9, radiusMiles: columns.10, services: Set(columns.6.compactMap(ServiceType.init(rawValue:))),
                hours: (try? BusinessHours(parsing: columns.11)) ?? .notStated, timeZone: columns.12, dailyCap: columns.7,
                weeklyCap: columns.13, monthlyBudgetCents: columns.14, plan: plan, acceptsShared: columns.18, tier: columns.19,
                active: columns.8, stripeCustomer: columns.20, stripePaymentMethod: columns.21,
                alertHours: (try? BusinessHours(parsing: columns.26)) ?? .notStated)
            var entry = RosterEntry(
                id: columns.0, plumber: plumber, cardFailure: columns.22, rosterActive: columns.23, statusSetBy: columns.24, statusSetAt: columns.25)
            (entry.digestsUnsubscribedAt, entry.smsOptedOutAt, entry.smsConsentInForce) = (columns.27, columns.28, columns.29 ?? false)
            result.append(entry)
        }
        return result
    }

    /// The plan as its three columns.
    static func columns(_ plan: Plumber.Plan) -> (String, Int, Int64?) {
        switch plan {
        case .payPerLead: ("per_lead", 0, nil)
        case .subscription(let included, let overage): ("subscription", included, overage)
        }
    }
}
