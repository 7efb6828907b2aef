import Foundation
import Logging
import PostgresNIO
import Store

/// One throwaway PostgreSQL cluster per test process, and a fresh database per test cloned from a
/// migrated template (`CREATE DATABASE … TEMPLATE`), using the same `LocalCluster` code as the CLI.
public actor TestDatabase {
    public static let shared = TestDatabase()

    private var starting: Task<LocalCluster, any Error>?
    private var counter = 0
    public nonisolated let logger = Logger(label: "tests")
    static let template = "plumberleads_template"

    /// The cluster, started on first use and stopped when the test process exits.
    public func cluster() async throws -> LocalCluster {
        if starting == nil {
            let logger = logger
            starting = Task { try await Self.start(logger: logger) }
        }
        return try await starting!.value
    }

    private static func start(logger: Logger) async throws -> LocalCluster {
        let root = URL(fileURLWithPath: "/tmp/plt-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: root)
        try PostgresInstaller.ensureInstalled { logger.notice("\($0)") }
        // Swift Testing runs the suites' cases side by side, each with its connections and CLI processes:
        // on a slow machine more than a hundred were seen open at once ("too many clients").
        let cluster = LocalCluster(
            root: root, extraSettings: ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 400"])
        try cluster.start()
        clusterToStop = cluster
        atexit {
            try? clusterToStop?.stop()
            if let root = clusterToStop?.root { try? FileManager.default.removeItem(at: root) }
        }
        try await Database.createIfMissing(cluster.url(database: Self.template), logger: logger)
        let database = try await Database.connect(cluster.url(database: Self.template), logger: logger)
        try await Migrator.migrate(database)
        try await database.close()
        return cluster
    }

    /// A new, migrated, empty database; returns its URL.
    public func freshURL() async throws -> DatabaseURL {
        let cluster = try await cluster()
        counter += 1
        let name = "test_\(counter)"
        let admin = try await Database.connect(cluster.url(database: "postgres"), logger: logger)
        defer { Task { try? await admin.close() } }
        // Concurrent clones of one template collide (55006 "being accessed by other users"): retry.
        for attempt in 1...50 {
            do {
                try await admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(Self.template)"))
                break
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 50 {
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
        return cluster.url(database: name)
    }

    /// The URL of a database this helper created, for a second connection to it.
    public func urlOf(_ database: Database) async throws -> DatabaseURL {
        let name = try await database.rows("SELECT current_database()")[0].decode(String.self)
        return try await cluster().url(database: name)
    }

    /// Runs `body` with a connection to a fresh database, closing it afterwards.
    public func withFreshDatabase<R: Sendable>(_ body: @Sendable (Database) async throws -> R) async throws -> R {
        let database: Database
        do {
            database = try await Database.connect(try await freshURL(), logger: logger)
        } catch {
            throw DescribedError(error)
        }
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw DescribedError(error)
        }
    }
}

/// Wraps an error so a failing test shows PostgreSQL's SQLSTATE and message instead of PSQLError's
/// deliberately generic description.
public struct DescribedError: Error, CustomStringConvertible {
    public let underlying: any Error
    public init(_ underlying: any Error) { self.underlying = underlying }
    public var description: String { PostgresErrorText.describe(underlying) }
}

nonisolated(unsafe) private var clusterToStop: LocalCluster?
