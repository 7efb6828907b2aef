import Foundation
import LeadModel
import PostgresNIO

/// The SMS consent ledger (`sms_consents`): one row per consent given, revoked in place, never deleted.
/// A text can only be queued against a consent in force (`notifications.consent_id`, a constraint).
public struct ConsentRepository: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// What a roster import did to the ledger.
    public struct RosterChanges: Sendable, Equatable {
        public var given = 0
        public var revoked = 0

        public init(given: Int = 0, revoked: Int = 0) {
            (self.given, self.revoked) = (given, revoked)
        }
    }

    /// Brings the ledger in line with the roster's consent columns (by roster id): a consent not yet
    /// recorded is added (the one in force before it revoked as superseded), a revocation revokes the
    /// consent in force. Rows the roster no longer mentions are left as they are.
    public func recordRoster(_ consents: [String: SMSConsent]) async throws -> RosterChanges {
        var changes = RosterChanges()
        for (externalID, consent) in consents.sorted(by: { $0.key < $1.key }) {
            guard let plumber = try await session.rows("SELECT id FROM plumbers WHERE external_id = \(externalID)").first?.decode(Int64.self) else {
                continue
            }
            let known = try await session.rows("""
                SELECT id, revoked_at FROM sms_consents
                WHERE plumber_id = \(plumber) AND consented_at = \(consent.consentedAt) AND text_version = \(consent.textVersion)
                """).first?.decode((Int64, Date?).self)
            if known == nil {
                try await revokeActive(of: plumber, at: consent.consentedAt, by: "superseded")
                try await session.execute("""
                    INSERT INTO sms_consents (plumber_id, consented_at, source, text_version)
                    VALUES (\(plumber), \(consent.consentedAt), \(consent.source), \(consent.textVersion))
                    """)
                changes.given += 1
            }
            if let revokedAt = consent.revokedAt, known?.1 == nil {
                try await session.execute("""
                    UPDATE sms_consents SET revoked_at = \(revokedAt), revoked_by = 'roster'
                    WHERE plumber_id = \(plumber) AND consented_at = \(consent.consentedAt) AND text_version = \(consent.textVersion)
                      AND revoked_at IS NULL
                    """)
                changes.revoked += 1
            }
        }
        return changes
    }

    /// Revokes the consent in force of `plumber`, if any, as of `at`, saying by what (`reply STOP`).
    public func revokeActive(of plumber: Int64, at: Date, by reason: String) async throws {
        try await session.execute("""
            UPDATE sms_consents SET revoked_at = GREATEST(\(at), consented_at), revoked_by = \(reason)
            WHERE plumber_id = \(plumber) AND revoked_at IS NULL
            """)
    }

    /// Records a consent given by other means than the roster (a START reply), unless one is in force.
    public func give(_ plumber: Int64, _ consent: SMSConsent) async throws {
        try await session.execute("""
            INSERT INTO sms_consents (plumber_id, consented_at, source, text_version)
            SELECT \(plumber), \(consent.consentedAt), \(consent.source), \(consent.textVersion)
            WHERE NOT EXISTS (SELECT 1 FROM sms_consents WHERE plumber_id = \(plumber) AND revoked_at IS NULL)
            """)
    }

    /// Applies a STOP (`opt-out`) or START (`opt-in`) reply of `plumber` received at `at`, once per
    /// `reference`: a STOP revokes the consent in force, a START records a new one (when none is in
    /// force) with the reply as its source. Returns false when the reply was applied before.
    public func applyReply(reference: String, plumber: Int64, keyword: ReplyKeyword, at: Date) async throws -> Bool {
        let optOut = keyword == .optOut
        let inserted = try await session.rows("""
            INSERT INTO sms_replies (reference, plumber_id, keyword, received_at)
            VALUES (\(reference), \(plumber), \(keyword.rawValue), \(at))
            ON CONFLICT (reference) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else { return false }
        if optOut {
            try await revokeActive(of: plumber, at: at, by: "reply \(reference)")
        } else {
            try await give(plumber, SMSConsent(consentedAt: at, source: "reply \(reference)", textVersion: "reply START"))
        }
        return true
    }

    /// The consent in force of each plumber that has one, by plumber row id.
    public func inForce() async throws -> [Int64: SMSConsent] {
        var consents: [Int64: SMSConsent] = [:]
        for row in try await session.rows("SELECT plumber_id, consented_at, source, text_version FROM sms_consents WHERE revoked_at IS NULL") {
            let (plumber, at, source, version) = try row.decode((Int64, Date, String, String).self)
            consents[plumber] = SMSConsent(consentedAt: at, source: source, textVersion: version)
        }
        return consents
    }
}
