import Foundation
import Logging
import PostgresNIO

/// Where the system of record is: a configured server (`PLUMBERLEADS_DATABASE_URL`), or the private
/// local cluster, installed, created and started on first use.
public struct DatabaseLocation: Sendable {
    /// The configured URL; nil means the local cluster.
    public var configured: DatabaseURL?
    public var cluster: LocalCluster

    public init(configured: DatabaseURL?, cluster: LocalCluster) {
        (self.configured, self.cluster) = (configured, cluster)
    }

    /// The URL in use, without starting anything.
    public var url: DatabaseURL { configured ?? cluster.url(database: "plumberleads") }

    /// Makes the database reachable: the configured URL as it is, or the local cluster installed, started
    /// and holding the `plumberleads` database. Returns the URL and what was done, if anything.
    /// `failpoint` is called with each step of a cluster's creation (crash tests).
    public func resolve(logger: Logger, failpoint: (String) -> Void = { _ in }) async throws -> (DatabaseURL, String?) {
        if let configured { return (configured, nil) }
        let installed = try PostgresInstaller.ensureInstalled { logger.notice("\($0)") }
        let started = try cluster.start(failpoint: failpoint)
        let message = [installed, started].compactMap { $0 }.joined(separator: "; ")
        let url = cluster.url(database: "plumberleads")
        try await Database.createIfMissing(url, logger: logger)
        return (url, message.isEmpty ? nil : message)
    }

    /// Connects (starting the local cluster if needed) and migrates. With `createDatabase` (`db migrate`)
    /// a configured database that does not exist yet is created first; otherwise its absence is an
    /// error that says how to create it. A server that cannot be reached is `StoreError.clusterFailed`.
    public func open(logger: Logger, createDatabase: Bool = false, failpoint: (String) -> Void = { _ in }) async throws -> OpenedDatabase {
        do {
            let (url, started) = try await resolve(logger: logger, failpoint: failpoint)
            if let started { logger.info("\(started)") }
            if createDatabase, configured != nil { try await Database.createIfMissing(url, logger: logger) }
            let database: Database
            do {
                database = try await Database.connect(url, logger: logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "3D000" {
                throw StoreError(.clusterFailed, "database \"\(url.database)\" does not exist on \(url): `plumberleads db migrate` creates it")
            }
            do {
                let applied = try await Migrator.migrate(database)
                if !applied.isEmpty { logger.info("applied migrations: \(applied.joined(separator: ", "))") }
                return OpenedDatabase(database: database, url: url, started: started, appliedMigrations: applied)
            } catch {
                try? await database.close()
                throw error
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.clusterFailed, "cannot reach the database: \(PostgresErrorText.describe(error))")
        }
    }

    /// Whether the database answers: a configured server accepts a connection, the local cluster runs.
    public func isReachable(logger: Logger) async throws -> Bool {
        guard let configured else { return try cluster.isRunning() }
        guard let database = try? await Database.connect(configured, logger: logger) else { return false }
        try? await database.close()
        return true
    }
}

/// An open, migrated database and how it was reached.
public struct OpenedDatabase: Sendable {
    public var database: Database
    public var url: DatabaseURL
    /// What was done to make the local cluster available (created, started), if anything.
    public var started: String?
    /// Migrations applied just now.
    public var appliedMigrations: [String]
}
