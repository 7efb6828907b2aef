import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started without waiting for it, its output in a file, for tests that act on the world
/// while it runs (stop its database, say) and then wait, with a bound, for how it ended.
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    public let outputFile: URL

    /// Starts `arguments[0]` (an absolute path) with `environment`.
    public init(_ arguments: [String], environment: [String: String]) throws {
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-bg-\(UUID().uuidString).out")
        let fd = open(outputFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)
        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, cArguments, cEnvironment) == 0 else { throw CocoaError(.executableNotLoadable) }
        self.pid = pid
    }

    /// What it printed so far.
    public var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// Waits up to `limit` for the process to end; returns its exit status (128 + signal when a signal
    /// ended it), or nil if it is still running then (it is then killed, so no test leaves it behind).
    public func wait(atMost limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }
}
