import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// Texts only with consent: the roster records it as a ledger, and the table refuses a text without it.
@Suite struct SMSConsentTests {
    static let header = "plumber_id,business_name,email,mobile,zips,services,daily_cap,status,sms_consent_at,sms_consent_source,sms_consent_version,sms_consent_revoked_at\n"

    @Test("consent columns are read or refused with the reason", arguments: [
        ("2026-01-15,signup form,2026-01,", nil),
        ("2026-01-15T09:30:00-06:00,phone call,v3,2026-02-01", nil),
        (",,,", nil),
        ("yesterday,signup form,2026-01,", "sms_consent_at must be a date (2026-03-01) or date-time, not \"yesterday\""),
        ("2026-01-15,,2026-01,", "sms_consent_at needs sms_consent_source (how it was given) and sms_consent_version (the consent text's version)"),
        (",signup form,,", "sms_consent_source without sms_consent_at"),
        ("2026-01-15,signup form,2026-01,2025-12-31", "sms_consent_revoked_at must be a date or date-time on or after sms_consent_at"),
    ] as [(String, String?)])
    func columns(consent: String, problem: String?) throws {
        let roster = try RosterFile.read(try TestFiles.file("roster.csv", Self.header + "PL-1,A,a@example.com,(312) 286-4410,60614,leak,5,active,\(consent)\n"))
        #expect(roster.rejected.map(\.reason) == (problem.map { [$0] } ?? []))
    }

    @Test func noConsentNoTextAndTheTableRefusesOneWithout() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            // PL-0001 revokes in the roster before the day runs.
            var consents = try RosterFile.read(TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv")).consents
            consents["PL-0001"]?.revokedAt = try #require(ISO8601DateFormatter().date(from: "2026-02-01T00:00:00Z"))
            let changes = try await database.transaction { try await ConsentRepository($0).recordRoster(consents) }
            #expect(changes == .init(given: 0, revoked: 1))
            _ = try await harness.run()
            #expect(try await harness.count("notifications n JOIN plumbers p ON p.id = n.plumber_id", where: "p.external_id = 'PL-0001' AND n.channel = 'sms'") == 0)
            #expect(try await harness.count("notifications n JOIN plumbers p ON p.id = n.plumber_id", where: "p.external_id = 'PL-0001' AND n.channel = 'email'") == 1)
            #expect(try await harness.count("notifications", where: "channel = 'sms'") > 0)
            #expect(try await harness.count("notifications", where: "channel = 'sms' AND consent_id IS NULL") == 0)
            // The ledger keeps the revoked consent.
            #expect(try await harness.count("sms_consents sc JOIN plumbers p ON p.id = sc.plumber_id", where: "p.external_id = 'PL-0001' AND revoked_by = 'roster'") == 1)

            // Whatever the code does, a text without consent cannot be stored.
            await #expect(throws: PSQLError.self) {
                try await database.execute("""
                    INSERT INTO notifications (plumber_id, business_date, channel, idempotency_key, status)
                    SELECT id, '2026-11-24', 'sms', 'sms-forged', 'pending' FROM plumbers LIMIT 1
                    """)
            }

            // Consent given again: a new row, and the next day's texts go out.
            consents["PL-0001"] = SMSConsent(consentedAt: try #require(ISO8601DateFormatter().date(from: "2026-03-01T00:00:00Z")), source: "phone call", textVersion: "2026-01")
            #expect(try await database.transaction { try await ConsentRepository($0).recordRoster(consents) } == .init(given: 1, revoked: 0))
            #expect(try await ConsentRepository(database.session).inForce().count == 8, "every fixture plumber but PL-0004, who revoked")
        }
    }
}
