import Foundation
import Store

#if canImport(Glibc)
import Glibc
#endif

/// A program started without waiting for it, its output in a file, for tests that act on the world
/// while it runs (stop its database, say) and then wait, with a bound, for how it ended.
public final class BackgroundProcess: Sendable {
    public let pid: pid_t
    public let outputFile: URL

    /// Starts `arguments[0]` (an absolute path) with `environment`.
    public init(_ arguments: [String], environment: [String: String]) throws {
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-bg-\(UUID().uuidString).out")
        pid = try Subprocess.start(arguments, environment: environment, output: outputFile)
    }

    /// What it printed so far.
    public var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// Waits up to `limit` for the process to stop itself (a `=stop` failpoint); false if it did not
    /// (it ended, or is still running then).
    public func waitUntilStopped(atMost limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let answered = waitpid(pid, &status, WNOHANG | WUNTRACED)
            if answered == pid { return status & 0xFF == 0x7F }
            if answered < 0 { return false }
            usleep(20_000)
        }
        return false
    }

    /// Lets a stopped process go on (SIGCONT).
    public func resume() {
        kill(pid, SIGCONT)
    }

    /// Waits up to `limit` for the process to end; returns its exit status (128 + signal when a signal
    /// ended it), or nil if it is still running then (it is then killed, so no test leaves it behind).
    public func wait(atMost limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }
}
