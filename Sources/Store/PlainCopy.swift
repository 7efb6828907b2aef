import Foundation
import Logging
import PostgresNIO

/// The bench's yardstick: the same rows as UTF-8 tab-separated text, COPYed into a table of text
/// columns, as `psql \copy` would; and the bench's throw-away database.
public enum PlainCopy {
    /// Drops and creates the database `url` names (the bench's, never the system of record's).
    public static func recreateDatabase(_ url: DatabaseURL, logger: Logger) async throws {
        let admin = try await Database.connect(url.with(database: "postgres"), logger: logger)
        do {
            let name = url.database.replacingOccurrences(of: "\"", with: "\"\"")
            try await admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"))
            try await admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""))
            try await admin.close()
        } catch {
            try? await admin.close()
            throw error
        }
    }

    /// Creates `bench_plain` with `columns` text columns and COPYs the chunks `next` returns into it
    /// (COPY text format, no header); returns how many rows the table holds.
    public static func load(columns: Int, into database: Database, next: () throws -> [UInt8]?) async throws -> Int64 {
        try await database.execute(PostgresQuery(unsafeSQL: "CREATE TABLE bench_plain (\((1...columns).map { "c\($0) text" }.joined(separator: ", ")))"))
        try await database.connection.copyFrom(table: "bench_plain", logger: database.logger) { writer in
            while let chunk = try next() { try await writer.write(ByteBuffer(bytes: chunk)) }
        }
        return try await database.rows("SELECT count(*) FROM bench_plain")[0].decode(Int64.self)
    }
}
