import Crypto
import Foundation

/// A private PostgreSQL cluster under `var/postgres/`, reached only through a Unix socket in that folder.
///
/// Postgres refuses to run as root: when this process is root, the server runs as the unprivileged
/// `postgres` user (Debian's), which owns the cluster folder.
///
/// The cluster is never visible half-made: `initdb` writes into a temporary folder, our settings are
/// added there, and only then is it renamed to `data/`. Every start passes the socket folder, the port and
/// "no TCP" on the server's command line, so a home copied or restored elsewhere works, and a settings
/// file that lost our block cannot open the server to the network. A data folder without our block is
/// refused rather than started with PostgreSQL's defaults (TCP on localhost, trust authentication).
public struct LocalCluster: Sendable {
    /// The folder holding `data/`, the socket and `server.log`.
    public let root: URL
    /// Settings appended to postgresql.conf at creation (tests turn durability off for speed).
    public let extraSettings: [String]
    public static let superuser = "plumberleads"
    public static let port = 5432
    /// The line that opens our block in postgresql.conf; a cluster without it is not ours.
    static let settingsMarker = "# plumberleads"

    public init(root: URL, extraSettings: [String] = []) {
        self.root = root
        self.extraSettings = extraSettings
    }

    public var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
    /// Where this process's `initdb` writes before the cluster is complete. Named for the process: an
    /// `initdb` whose parent was killed goes on writing into its own folder for a moment, and must not
    /// be written over.
    var partialDirectory: URL { root.appendingPathComponent("data.partial.\(getpid())", isDirectory: true) }
    public var logFile: URL { root.appendingPathComponent("server.log") }
    public var socketPath: String { root.path + "/.s.PGSQL.\(Self.port)" }

    /// The URL clients use: `postgresql://plumberleads@/DB?host=/…/var/postgres`.
    public func url(database: String) -> DatabaseURL {
        DatabaseURL(username: Self.superuser, password: nil, database: database, endpoint: .socket(directory: root.path, port: Self.port), tls: .disable)
    }

    private var exists: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// Whether the server is running (`pg_ctl status`).
    public func isRunning() throws -> Bool {
        guard exists else { return false }
        return try Subprocess.run([try Self.tool("pg_ctl"), "-D", dataDirectory.path, "status"], asUser: serverUser).status == 0
    }

    /// Creates the cluster if needed and starts it if it is not running. Returns what it did, or nil
    /// when it was already running. `failpoint` is called with the name of each step of a creation
    /// (`after-initdb`, `after-settings`), so a test can kill the process there.
    @discardableResult
    public func start(failpoint: (String) -> Void = { _ in }) throws -> String? {
        guard socketPath.utf8.count <= 103 else {
            throw StoreError(.clusterFailed, "the socket path \(socketPath) is longer than Unix allows (103 bytes); set PLUMBERLEADS_HOME to a shorter folder")
        }
        var did: [String] = []
        if !exists {
            try create(failpoint: failpoint)
            did.append("created a PostgreSQL cluster in \(dataDirectory.path)")
        }
        try checkSettingsAreOurs()
        if try isRunning() { return did.isEmpty ? nil : did.joined(separator: "; ") }
        let result = try Subprocess.run(
            [try Self.tool("pg_ctl"), "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", serverOptions, "start"], asUser: serverUser)
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

    /// The server's command line as `pg_ctl -o` hands it to `/bin/sh`: no TCP, the socket in this
    /// folder only, owner-only socket permissions. The command line overrides every settings file.
    var serverOptions: String {
        "-h '' -k \(Self.shellQuoted(root.path)) -p \(Self.port) -c unix_socket_permissions=0700"
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Refuses a data folder whose postgresql.conf lacks our block: it was made by an interrupted setup
    /// of an older version, or by someone else, and PostgreSQL's defaults would serve it over TCP.
    private func checkSettingsAreOurs() throws {
        let conf = dataDirectory.appendingPathComponent("postgresql.conf")
        let text = (try? String(contentsOf: conf, encoding: .utf8)) ?? ""
        guard text.split(separator: "\n").contains(where: { $0 == Self.settingsMarker }) else {
            throw StoreError(.clusterFailed, """
                \(dataDirectory.path) is not a cluster this program set up (its postgresql.conf has no "\(Self.settingsMarker)" block): \
                an interrupted first setup leaves such a folder. Refusing to start it with PostgreSQL's defaults. If it holds nothing \
                you need, remove \(dataDirectory.path) and run the command again
                """)
        }
    }

    private func create(failpoint: (String) -> Void) throws {
        // Only the cluster's own folder is made private: its parents must stay enterable by the server user.
        try FileManager.default.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        // What an interrupted creation left is not a cluster yet: start again (an orphaned initdb may
        // still be writing into its folder; removing what can be removed is enough).
        for stale in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] where stale.hasPrefix("data.partial") {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(stale))
        }
        if let user = serverUser {
            try checkTraversable(by: user)
            // The folder itself only: initdb creates what is inside as the server user.
            let chown = try Subprocess.run(["/bin/chown", user, root.path])
            guard chown.status == 0 else { throw StoreError(.clusterFailed, "chown \(root.path) to \(user): \(chown.output)") }
        }
        let result = try Subprocess.run(
            [try Self.tool("initdb"), "-D", partialDirectory.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"],
            asUser: serverUser)
        guard result.status == 0 else { throw StoreError(.clusterFailed, "initdb failed: \(result.output)") }
        failpoint("after-initdb")
        // The socket folder and "no TCP" go on every start's command line; they are written here too so
        // that a server started by hand from this folder is just as closed.
        let settings = [
            Self.settingsMarker,
            "listen_addresses = ''",
            "unix_socket_permissions = 0700",
            "max_connections = 100",
        ] + extraSettings
        let conf = partialDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n" + settings.joined(separator: "\n") + "\n").utf8))
        try handle.synchronize()
        try handle.close()
        failpoint("after-settings")
        guard rename(partialDirectory.path, dataDirectory.path) == 0 else {
            throw StoreError(.clusterFailed, "cannot move the new cluster into \(dataDirectory.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The unprivileged user the server runs as when this process is root; nil otherwise.
    var serverUser: String? {
        geteuid() == 0 ? "postgres" : nil
    }

    private func checkTraversable(by user: String) throws {
        guard getpwnam(user) != nil else {
            throw StoreError(.clusterFailed, "running as root needs the unprivileged user '\(user)' for the server (apt-get install postgresql creates it)")
        }
        if let blocked = Self.firstBlockedFolder(above: root, for: user) {
            throw StoreError(.clusterFailed, "the server user '\(user)' cannot enter \(blocked); set PLUMBERLEADS_HOME to a folder it can reach")
        }
    }

    /// The first folder above `path` that `user` cannot enter (not enterable by others, nor owned by
    /// `user`), or nil when every one can be.
    static func firstBlockedFolder(above path: URL, for user: String) -> String? {
        let uid = getpwnam(user)?.pointee.pw_uid
        var folder = path.deletingLastPathComponent()
        while true {
            var info = stat()
            if stat(folder.path, &info) == 0 {
                let enterable = info.st_mode & 0o001 != 0 || (info.st_uid == uid && info.st_mode & 0o100 != 0)
                if !enterable { return folder.path }
            }
            if folder.path == "/" { return nil }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// Where the cluster of a home's `preferred` folder lives. As root, the server runs as `postgres`,
    /// which cannot enter a private folder such as `/root` (0700); rather than loosen the user's
    /// folders, such a home's cluster goes under `/var/lib/plumberleads/clusters/`, in a folder named
    /// for the home's path and an id the home keeps (`preferred/cluster-id`, written the first time): a
    /// new clone at the path of a deleted one gets a cluster of its own, not the old one's data under
    /// keys it does not have. An existing cluster stays where it is.
    public static func root(preferring preferred: URL, serverUser: String? = geteuid() == 0 ? "postgres" : nil) -> URL {
        guard let serverUser, !FileManager.default.fileExists(atPath: preferred.appendingPathComponent("data/PG_VERSION").path),
              firstBlockedFolder(above: preferred, for: serverUser) != nil
        else { return preferred }
        let idFile = preferred.appendingPathComponent("cluster-id")
        var id = (try? String(contentsOf: idFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if id.isEmpty {
            id = UUID().uuidString.lowercased()
            try? FileManager.default.createDirectory(at: preferred, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            _ = FileManager.default.createFile(atPath: idFile.path, contents: Data((id + "\n").utf8), attributes: [.posixPermissions: 0o600])
        }
        let name = SHA256.hash(data: Data((preferred.standardizedFileURL.path + "\n" + id).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return URL(fileURLWithPath: "/var/lib/plumberleads/clusters", isDirectory: true).appendingPathComponent(name, isDirectory: true)
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
