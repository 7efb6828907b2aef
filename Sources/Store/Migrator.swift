import Foundation
import Logging
import PostgresNIO

/// Applies the numbered SQL files in `Migrations/` in order, each in its own transaction, and records
/// them in `schema_migrations`. Safe to call from several processes at once (advisory lock).
public enum Migrator {
    /// A migration file: `0001_core.sql` is version 1.
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
    }

    static let lockKey: Int64 = 0x504C_4D49_4752  // "PLMIGR"

    /// The migrations shipped with this build, in order.
    public static func bundled() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StoreError(.migrationFailed, "the Migrations folder is missing from the build")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        return try files.map { file in
            guard let version = Int(file.prefix { $0.isNumber }) else {
                throw StoreError(.migrationFailed, "migration \(file) does not start with its number")
            }
            return Migration(version: version, name: file, sql: try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
        }
    }

    /// Applies what is missing; returns the names applied.
    @discardableResult
    public static func migrate(_ database: Database, migrations: [Migration]? = nil) async throws -> [String] {
        let all = try migrations ?? bundled()
        try await database.execute("SELECT pg_advisory_lock(\(lockKey))")
        do {
            try await database.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            var applied = Set<Int>()
            for try await version in try await database.connection.query("SELECT version FROM schema_migrations", logger: database.logger).decode(Int.self) {
                applied.insert(version)
            }
            var done: [String] = []
            for migration in all where !applied.contains(migration.version) {
                do {
                    try await database.transaction { session in
                let connection = session.connection
                        for statement in SQLScript.statements(migration.sql) {
                            try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                        }
                        try await connection.query(
                            "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                            logger: database.logger)
                    }
                } catch {
                    throw StoreError(.migrationFailed, "\(migration.name): \(PostgresErrorText.describe(error))")
                }
                done.append(migration.name)
            }
            try await database.execute("SELECT pg_advisory_unlock(\(lockKey))")
            return done
        } catch {
            _ = try? await database.execute("SELECT pg_advisory_unlock(\(lockKey))")
            throw error
        }
    }
}
