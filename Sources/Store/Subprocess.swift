import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and reports how it ended: its exit code, or the signal that killed it,
/// with everything it printed.
///
/// Uses `posix_spawn` and `waitpid` with output in a temporary file rather than Foundation's `Process`
/// and a pipe: `pg_ctl start` leaves a server running that would inherit the pipe, and `Process`'s
/// wait was seen to hang here once the server was up.
public enum Subprocess {
    public struct Result: Sendable {
        /// The exit code, or nil when a signal ended the process.
        public var exitCode: Int32?
        public var signal: Int32?
        public var output: String

        /// Exit code, or 128 + signal as shells report it.
        public var status: Int32 { exitCode ?? 128 + (signal ?? 0) }
    }

    /// Runs `arguments[0]` (an absolute path) with the rest as its arguments; `asUser` runs it through
    /// `runuser` (for the PostgreSQL server tools when this process is root); `environment` replaces
    /// the inherited one when given.
    public static func run(_ arguments: [String], asUser user: String? = nil, environment: [String: String]? = nil) throws -> Result {
        let argv = user.map { ["/usr/sbin/runuser", "-u", $0, "--"] + arguments } ?? arguments
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let pid = try start(argv, environment: environment, output: outputFile)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw StoreError(.clusterFailed, "waitpid: \(String(cString: strerror(errno)))") }
        }
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        if status & 0x7F == 0 { return Result(exitCode: (status >> 8) & 0xFF, signal: nil, output: output) }
        return Result(exitCode: nil, signal: status & 0x7F, output: output)
    }

    /// Starts `arguments[0]` (an absolute path) with stdin from /dev/null and stdout and stderr into
    /// `output` (created 0600), and returns its process id without waiting for it.
    public static func start(_ arguments: [String], environment: [String: String]? = nil, output: URL) throws -> pid_t {
        let fd = open(output.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(.clusterFailed, "cannot create \(output.path)") }
        defer { close(fd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw StoreError(.clusterFailed, "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return pid
    }
}
