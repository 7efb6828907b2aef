import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program (the built `plumberleads`) to completion with a chosen environment, as ops would,
/// and reports how it ended: its exit code, or the signal that killed it.
public enum ChildProcess {
    public struct Result: Sendable {
        public var exitCode: Int32?
        public var signal: Int32?
        public var output: String
    }

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let fd = open(outputFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create \(outputFile.path)")
        defer { close(fd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        }
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        if status & 0x7F == 0 { return Result(exitCode: (status >> 8) & 0xFF, signal: nil, output: output) }
        return Result(exitCode: nil, signal: status & 0x7F, output: output)
    }
}
