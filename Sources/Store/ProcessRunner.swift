import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion and captures its output (for initdb, pg_ctl and friends).
///
/// Uses `posix_spawn` and `waitpid` with output in a temporary file rather than Foundation's `Process`
/// and a pipe: `pg_ctl start` leaves a server running that would inherit the pipe, and `Process`'s
/// wait has been seen to hang here once the server is up.
enum ProcessRunner {
    struct Output {
        var status: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], asUser user: String? = nil) throws -> Output {
        let argv = user.map { ["/usr/sbin/runuser", "-u", $0, "--", executable] + arguments } ?? [executable] + arguments
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let fd = open(outputFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(.clusterFailed, "cannot create \(outputFile.path)") }
        defer { close(fd) }
        // The spawned user (postgres) writes through our descriptor, so the file's permissions do not matter.

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw StoreError(.clusterFailed, "cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw StoreError(.clusterFailed, "waitpid: \(String(cString: strerror(errno)))") }
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return Output(status: exitStatus, output: output)
    }
}
