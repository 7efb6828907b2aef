import Foundation
import Logging
import PostgresNIO

/// A pool of connections for a server answering many requests at once (the batch works on one
/// `Database`). Each `withSession` leases a connection for the statements of one request; `run()`
/// keeps the pool alive and must be running (a service of the server) while sessions are used.
public struct DatabasePool: Sendable {
    public let client: PostgresClient
    let logger: Logger

    public init(url: DatabaseURL, connections: Int, logger: Logger) {
        client = PostgresClient(configuration: url.poolConfiguration(connections: connections), backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    /// `body` with a leased connection, outside any transaction (each statement commits on its own).
    public func withSession<Result: Sendable>(_ body: (DatabaseSession) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await body(DatabaseSession(connection: connection, logger: logger))
        }
    }

    /// `body` in a transaction on a leased connection: committed when it returns, rolled back when it throws.
    public func withTransaction<Result: Sendable>(_ body: (DatabaseSession) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.execute("BEGIN", logger: logger)
            do {
                let value = try await body(DatabaseSession(connection: connection, logger: logger))
                try await connection.execute("COMMIT", logger: logger)
                return value
            } catch {
                try? await connection.execute("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
