import Logging
import PostgresNIO

/// Where a repository's statements run: a chunk's open transaction (from `Database.transaction`), or
/// the database's connection outside any (`Database.session`). Stages pass it from the chunk commit to
/// the repositories without seeing PostgreSQL; only Store reaches the connection inside.
public struct DatabaseSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs a statement and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    /// Runs a statement that returns exactly one value (a count, a `RETURNING id`).
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        try await rows(query)[0].decode(T.self)
    }

    /// Runs a statement and discards any rows, throwing the server's error however late it comes.
    func execute(_ query: PostgresQuery) async throws {
        try await connection.execute(query, logger: logger)
    }

    /// COPYs `rows` (COPY text format) into `table`.
    func copy(_ rows: ByteBuffer, into table: String, columns: [String]) async throws {
        guard rows.readableBytes > 0 else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(rows) }
    }

    /// Refreshes the planner's statistics of `columns` of `table` from a small sample (3,000 rows). After a
    /// bulk load the old statistics can say a day holds a few hundred rows when it holds a million, and the
    /// planner then sorts the whole rest of the day for every chunk; a sample fixes the counts for a few
    /// tens of milliseconds. `table` and `columns` are identifiers written in the code, never input.
    func analyzeSample(_ table: String, columns: [String]) async throws {
        try await execute("SET default_statistics_target = 10")
        try await execute(PostgresQuery(unsafeSQL: "ANALYZE \(table) (\(columns.joined(separator: ", ")))"))
        try await execute("RESET default_statistics_target")
    }
}
