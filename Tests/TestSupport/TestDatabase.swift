import Foundation
import Logging
import PostgresNIO
import Store

/// One throwaway PostgreSQL cluster per test process, and a fresh database per test cloned from a
/// migrated template (`CREATE DATABASE … TEMPLATE`), using the same `LocalCluster` code as the CLI.
public actor TestDatabase {
    public static let shared = TestDatabase()

    private var started: LocalCluster?
    private var counter = 0
    public nonisolated let logger = Logger(label: "tests")
    static let template = "plumberleads_template"

    /// The cluster, started on first use and stopped when the test process exits.
    public func cluster() async throws -> LocalCluster {
        if let started { return started }
        let root = URL(fileURLWithPath: "/tmp/plt-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: root)
        let cluster = LocalCluster(root: root, extraSettings: ["fsync = off", "synchronous_commit = off", "full_page_writes = off"])
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
        started = cluster
        return cluster
    }

    /// A new, migrated, empty database; returns its URL.
    public func freshURL() async throws -> DatabaseURL {
        let cluster = try await cluster()
        counter += 1
        let name = "test_\(counter)"
        let admin = try await Database.connect(cluster.url(database: "postgres"), logger: logger)
        try await admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(Self.template)"))
        try await admin.close()
        return cluster.url(database: name)
    }

    /// Runs `body` with a connection to a fresh database, closing it afterwards.
    public func withFreshDatabase<R: Sendable>(_ body: @Sendable (Database) async throws -> R) async throws -> R {
        let url = try await freshURL()
        let database = try await Database.connect(url, logger: logger)
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }
}

nonisolated(unsafe) private var clusterToStop: LocalCluster?
