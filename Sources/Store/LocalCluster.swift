import Foundation

/// A private PostgreSQL cluster under `var/postgres/`, reached only through a Unix socket in that folder.
///
/// Postgres refuses to run as root: when this process is root, the server runs as the unprivileged
/// `postgres` user (Debian's), which owns the cluster folder.
public struct LocalCluster: Sendable {
    /// The folder holding `data/`, the socket and `server.log`.
    public let root: URL
    /// Settings appended to postgresql.conf at creation (tests turn durability off for speed).
    public let extraSettings: [String]
    public static let superuser = "plumberleads"
    public static let port = 5432

    public init(root: URL, extraSettings: [String] = []) {
        self.root = root
        self.extraSettings = extraSettings
    }

    public var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
    public var logFile: URL { root.appendingPathComponent("server.log") }
    public var socketPath: String { root.path + "/.s.PGSQL.\(Self.port)" }

    /// The URL clients use: `postgresql://plumberleads@/DB?host=/…/var/postgres`.
    public func url(database: String) -> DatabaseURL {
        DatabaseURL(username: Self.superuser, password: nil, database: database, endpoint: .socket(directory: root.path, port: Self.port), tls: .disable)
    }

    /// Whether the server is running (`pg_ctl status`).
    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else { return false }
        return try Subprocess.run([try Self.tool("pg_ctl"), "-D", dataDirectory.path, "status"], asUser: serverUser).status == 0
    }

    /// Creates the cluster if needed and starts it if it is not running. Returns what it did, or nil
    /// when it was already running.
    @discardableResult
    public func start() throws -> String? {
        var did: [String] = []
        if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            try create()
            did.append("created a PostgreSQL cluster in \(dataDirectory.path)")
        }
        if try isRunning() { return did.isEmpty ? nil : did.joined(separator: "; ") }
        let result = try Subprocess.run([try Self.tool("pg_ctl"), "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "start"], asUser: serverUser)
        if result.status != 0, try !isRunning() {
            let log = (try? String(contentsOf: logFile, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
            throw StoreError(.clusterFailed, "pg_ctl start failed: \(result.output)\n\(log)")
        }
        did.append("started PostgreSQL on \(socketPath)")
        return did.joined(separator: "; ")
    }

    /// Stops the server (fast shutdown); does nothing if it is not running.
    public func stop() throws {
        guard try isRunning() else { return }
        let result = try Subprocess.run([try Self.tool("pg_ctl"), "-D", dataDirectory.path, "-m", "fast", "-w", "stop"], asUser: serverUser)
        guard result.status == 0 else { throw StoreError(.clusterFailed, "pg_ctl stop failed: \(result.output)") }
    }

    private func create() throws {
        if socketPath.utf8.count > 103 {
            throw StoreError(.clusterFailed, "the socket path \(socketPath) is longer than Unix allows (103 bytes); set PLUMBERLEADS_HOME to a shorter folder")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let user = serverUser {
            try checkTraversable(by: user)
            let chown = try Subprocess.run(["/bin/chown", "-R", user, root.path])
            guard chown.status == 0 else { throw StoreError(.clusterFailed, "chown \(root.path) to \(user): \(chown.output)") }
        }
        let result = try Subprocess.run([try Self.tool("initdb"), "-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"],
            asUser: serverUser)
        guard result.status == 0 else { throw StoreError(.clusterFailed, "initdb failed: \(result.output)") }
        let settings = [
            "listen_addresses = ''",
            "unix_socket_directories = '\(root.path)'",
            "unix_socket_permissions = 0700",
            "max_connections = 100",
        ] + extraSettings
        let conf = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n# plumberleads\n" + settings.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    /// The unprivileged user the server runs as when this process is root; nil otherwise.
    var serverUser: String? {
        geteuid() == 0 ? "postgres" : nil
    }

    private func checkTraversable(by user: String) throws {
        guard getpwnam(user) != nil else {
            throw StoreError(.clusterFailed, "running as root needs the unprivileged user '\(user)' for the server (apt-get install postgresql creates it)")
        }
        var folder = root.deletingLastPathComponent()
        while folder.path != "/" {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            if mode & 0o001 == 0 {
                throw StoreError(.clusterFailed, "the server user '\(user)' cannot enter \(folder.path) (mode \(String(mode, radix: 8))); set PLUMBERLEADS_HOME to a folder it can reach")
            }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// Finds a PostgreSQL server tool on PATH or under /usr/lib/postgresql/*/bin (newest first).
    public static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        for version in versions {
            let candidate = "\(base)/\(version)/bin/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw StoreError(.postgresNotFound, "\(name) not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL (apt-get install postgresql) or set PLUMBERLEADS_DATABASE_URL")
    }
}
