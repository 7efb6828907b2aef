import Foundation
import Logging
import Store

/// `plumberleads db …`: the database in use, the local cluster's life, and migrations.
public struct DatabaseControl: Sendable {
    public let settings: Settings
    public let logger: Logger

    public init(settings: Settings, logger: Logger) {
        (self.settings, self.logger) = (settings, logger)
    }

    /// Whether a URL is configured (then there is no local cluster to start or stop).
    public var isConfigured: Bool { settings.databaseURL != nil }

    /// The `psql` connection string of the database in use, without starting anything.
    public var connectionString: String { settings.database.url.connectionString }

    /// The URL in use with its password masked, for messages.
    public var displayURL: String { settings.database.url.description }

    /// Where the local cluster lives and its socket.
    public var clusterFolder: String { settings.cluster.root.path }
    public var clusterSocket: String { settings.cluster.socketPath }

    /// Installs, creates and starts the local cluster as needed; says what was done, nil when it was running.
    public func start() async throws -> String? {
        let failpoints = try Failpoints(spec: settings.failpoints)
        return try await settings.database.resolve(logger: logger, failpoint: { failpoints.reachSetup($0) }).1
    }

    /// Stops the local cluster.
    public func stop() throws {
        try settings.cluster.stop()
    }

    /// Whether the database answers.
    public func isReachable() async throws -> Bool {
        try await settings.database.isReachable(logger: logger)
    }

    /// Creates the database if it does not exist and applies pending migrations; returns those applied.
    public func migrate() async throws -> [String] {
        let opened = try await settings.database.open(logger: logger, createDatabase: true)
        try? await opened.database.close()
        return opened.appliedMigrations
    }

    /// The connection string, after making the local cluster reachable (for `psql`).
    public func reachableConnectionString() async throws -> String {
        try await settings.database.resolve(logger: logger).0.connectionString
    }
}
