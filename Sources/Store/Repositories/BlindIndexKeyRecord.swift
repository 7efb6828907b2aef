import Foundation
import PostgresNIO

/// Which index key the database's blind indexes were made under (`blind_index_key`).
public struct BlindIndexKeyRecord: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records `keyID` if no key is recorded yet, and returns the recorded one.
    public func recordOrRead(_ keyID: String) async throws -> String {
        try await database.execute("INSERT INTO blind_index_key (key_id) VALUES (\(keyID)) ON CONFLICT (singleton) DO NOTHING")
        return try await database.rows("SELECT key_id FROM blind_index_key")[0].decode(String.self)
    }
}
