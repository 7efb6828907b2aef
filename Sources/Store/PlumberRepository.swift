import Foundation
import LeadModel
import PostgresNIO

/// The plumber roster in `plumbers`, contact data encrypted.
public struct PlumberRepository: Sendable {
    /// A stored plumber and its row id.
    public struct Stored: Sendable, Hashable {
        public var id: Int64
        public var plumber: Plumber
    }

    public let database: Database
    public let cipher: PIICipher

    public init(database: Database, cipher: PIICipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Inserts new plumbers and updates changed ones (by roster id), in one transaction; an unchanged
    /// plumber is left alone. Returns how many were inserted and updated.
    public func upsert(_ plumbers: [Plumber]) async throws -> (inserted: Int, updated: Int) {
        let known = Dictionary(uniqueKeysWithValues: try await all().map { ($0.plumber.externalID, $0.plumber) })
        return try await database.transaction { connection in
            var inserted = 0, updated = 0
            for plumber in plumbers where known[plumber.externalID] != plumber {
                let email = try cipher.encrypt(plumber.email)
                let mobile = try cipher.encrypt(plumber.mobile)
                let rows = try await connection.query("""
                    INSERT INTO plumbers (external_id, business_name, email_enc, mobile_enc, zips, services, daily_cap, active)
                    VALUES (\(plumber.externalID), \(plumber.businessName), \(email), \(mobile), \(plumber.zips.sorted()),
                            \(plumber.services.map(\.rawValue).sorted()), \(plumber.dailyCap), \(plumber.active))
                    ON CONFLICT (external_id) DO UPDATE SET business_name = EXCLUDED.business_name, email_enc = EXCLUDED.email_enc,
                        mobile_enc = EXCLUDED.mobile_enc, zips = EXCLUDED.zips, services = EXCLUDED.services,
                        daily_cap = EXCLUDED.daily_cap, active = EXCLUDED.active, updated_at = now()
                    RETURNING (xmax = 0)
                    """, logger: database.logger).collect()
                if try rows[0].decode(Bool.self) { inserted += 1 } else { updated += 1 }
            }
            return (inserted, updated)
        }
    }

    /// Pauses (`active` false) or resumes a plumber; false when no plumber has that roster id. A paused
    /// plumber gets no leads from the next match on. (A later roster import sets the status its CSV gives.)
    public func setActive(_ externalID: String, _ active: Bool) async throws -> Bool {
        let rows = try await database.rows(
            "UPDATE plumbers SET active = \(active), updated_at = now() WHERE external_id = \(externalID) RETURNING id")
        return !rows.isEmpty
    }

    /// Every plumber, by roster id.
    public func all() async throws -> [Stored] {
        var result: [Stored] = []
        for try await (id, external, name, email, mobile, zips, services, cap, active) in try await database.connection.query("""
            SELECT id, external_id, business_name, email_enc, mobile_enc, zips, services, daily_cap, active
            FROM plumbers ORDER BY external_id
            """, logger: database.logger).decode((Int64, String, String, Data, Data, [String], [String], Int, Bool).self) {
            result.append(Stored(id: id, plumber: Plumber(
                externalID: external, businessName: name, email: try cipher.decrypt(email), mobile: try cipher.decrypt(mobile),
                zips: Set(zips), services: Set(services.compactMap(ServiceType.init(rawValue:))), dailyCap: cap, active: active)))
        }
        return result
    }
}
