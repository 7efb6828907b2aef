import Foundation
import Logging
import PostgresNIO
import Synchronization

/// One open connection to the system of record, and the transaction helper every writer uses.
///
/// A pipeline run works on one connection: it holds the run's advisory lock for as long as it runs.
public struct Database: Sendable {
    public let connection: PostgresConnection
    public let logger: Logger
    /// Set by `close()`, so a close we asked for is not taken for a lost server.
    private let closing = ClosingFlag()

    /// Connects to `url`.
    public static func connect(_ url: DatabaseURL, logger: Logger) async throws -> Database {
        let connection = try await PostgresConnection.connect(configuration: try url.configuration(), id: 1, logger: logger)
        return Database(connection: connection, logger: logger)
    }

    /// Creates the database `name` on the server of `url` if it does not exist yet.
    public static func createIfMissing(_ url: DatabaseURL, logger: Logger) async throws {
        let admin = try await connect(url.with(database: "postgres"), logger: logger)
        do {
            let exists = try await admin.connection.query("SELECT 1 FROM pg_database WHERE datname = \(url.database)", logger: logger)
                .collect().count > 0
            if !exists {
                let name = url.database.replacingOccurrences(of: "\"", with: "\"\"")
                try await admin.connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
            }
        } catch {
            // Another process may have created it at the same moment (42P04, or 23505 when the two
            // CREATE DATABASE ran at once: a killed process's one still runs on the server).
            let exists = try? await admin.connection.query("SELECT 1 FROM pg_database WHERE datname = \(url.database)", logger: logger)
                .collect().count > 0
            try? await admin.close()
            if exists == true { return }
            throw error
        }
        try await admin.close()
    }

    public func close() async throws {
        closing.set()
        try await connection.close()
    }

    /// Calls `handler` (on an I/O thread) if the connection ends without `close()`: the server stopped
    /// or crashed, or the network dropped. A statement in flight then may never return (PostgresNIO was
    /// seen here to leave a COPY waiting forever on a closed connection), so a batch must not wait on it.
    public func whenLost(_ handler: @escaping @Sendable () -> Void) {
        let closing = closing
        connection.closeFuture.whenComplete { _ in
            if !closing.isSet { handler() }
        }
    }

    /// The connection outside any transaction, for repositories (each statement commits on its own).
    public var session: DatabaseSession { DatabaseSession(connection: connection, logger: logger) }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result: Sendable>(_ body: (DatabaseSession) async throws -> Result) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body(session)
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Runs a statement and discards any rows, throwing the server's error however late it comes.
    public func execute(_ query: PostgresQuery) async throws {
        try await connection.execute(query, logger: logger)
    }

    /// Runs a query and returns the rows.
    public func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }
}

extension PostgresConnection {
    /// Runs a statement and reads its rows to the end, discarding them. PostgresNIO's `query` returns as
    /// soon as a row-returning statement has described its rows, and an error the server sends after that
    /// (`SELECT pg_advisory_lock(…)` cancelled by `lock_timeout`, say) reaches only a reader of the rows:
    /// a statement whose rows nobody reads must go through here, or its failure passes unnoticed.
    public func execute(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

/// Whether `Database.close()` was called.
private final class ClosingFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
