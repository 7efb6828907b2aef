import Foundation
import Synchronization

/// Named points inside every stage where a test can kill the process (`PLUMBERLEADS_FAILPOINT`).
///
/// `PLUMBERLEADS_FAILPOINT=bill:after-provider` kills the process with SIGKILL the first time billing
/// passes that point; `bill:after-provider@3` the third time. Several may be given, comma-separated.
/// A `=stop` suffix (`enrich:chunk-after-commit@1=stop`) stops the process with SIGSTOP instead, so a
/// test can change the world around it (stop the database) at a known point and let it go on with
/// SIGCONT.
public final class Failpoints: Sendable {
    /// Every point the stages pass, as `STAGE:POINT`.
    public static let all: [String] = StageName.allCases.flatMap { stage in
        ["\(stage.rawValue):chunk-before-commit", "\(stage.rawValue):chunk-after-commit"]
    } + [
        "ingest:after-copy",
        "bill:after-pending",
        "bill:before-request",
        "bill:after-provider",
        "bill:after-refund",
        "notify:after-sending-mark",
        "notify:after-send",
        "report:after-write",
    ] + setupPoints

    /// Points inside the local cluster's first-time creation (`LocalCluster.start`), as `setup:POINT`.
    public static let setupPoints = ["setup:after-initdb", "setup:after-settings"]

    /// What happens at an armed point.
    enum Action: String { case kill, stop }

    private let armed: [String: (hit: Int, action: Action)]
    private let hits = Mutex<[String: Int]>([:])

    /// Parses `STAGE:POINT[@N][=stop]` items; throws on a name no stage has or an action that does not
    /// exist, so a typo cannot pass silently.
    public init(spec: String?) throws {
        var armed: [String: (hit: Int, action: Action)] = [:]
        for item in (spec ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let point = item.split(separator: "=", maxSplits: 1)
            let parts = point[0].split(separator: "@")
            let name = String(parts[0])
            guard Self.all.contains(name) else { throw FailpointError(name: name) }
            guard let action = point.count > 1 ? Action(rawValue: String(point[1])) : .kill else { throw FailpointError(name: item) }
            armed[name] = (parts.count > 1 ? Int(parts[1]) ?? 1 : 1, action)
        }
        self.armed = armed
    }

    /// No failpoints armed.
    public static let none = try! Failpoints(spec: nil)

    /// Marks that `stage` reached `point`; kills (or stops) the process if that point is armed for this hit.
    public func reach(_ stage: StageName, _ point: String) {
        reach(named: "\(stage.rawValue):\(point)")
    }

    /// Marks that the local cluster's creation reached `point` (`setup:POINT`).
    public func reachSetup(_ point: String) {
        reach(named: "setup:\(point)")
    }

    private func reach(named name: String) {
        guard let target = armed[name] else { return }
        let count = hits.withLock { hits in
            hits[name, default: 0] += 1
            return hits[name]!
        }
        guard count == target.hit else { return }
        switch target.action {
        case .kill:
            FileHandle.standardError.write(Data("failpoint \(name) reached: killing the process\n".utf8))
            kill(getpid(), SIGKILL)
        case .stop:
            FileHandle.standardError.write(Data("failpoint \(name) reached: stopping the process until SIGCONT\n".utf8))
            kill(getpid(), SIGSTOP)
        }
    }
}

/// A failpoint name that no stage has, or an action other than `stop`.
public struct FailpointError: Error, CustomStringConvertible {
    public var name: String
    public var description: String {
        "unknown failpoint \"\(name)\"; known: \(Failpoints.all.joined(separator: ", ")), each optionally with @N and =stop"
    }
}
