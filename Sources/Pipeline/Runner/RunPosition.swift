import Synchronization

/// Where this process's pipeline work stands: the stage it is in and the chunks that stage committed.
/// Read when the database goes away mid-run, so the last words name the stage and chunk.
public final class RunPosition: Sendable {
    /// The process's position (one run per process; tests that run several in one process only read it
    /// for messages).
    public static let shared = RunPosition()

    private struct State {
        var stage: StageName?
        var committedChunks = 0
    }

    private let state = Mutex(State())

    /// Notes that `stage` started.
    public func enter(_ stage: StageName) {
        state.withLock { $0 = State(stage: stage) }
    }

    /// Notes that the current stage committed a chunk.
    public func chunkCommitted() {
        state.withLock { $0.committedChunks += 1 }
    }

    /// Notes that no stage is running.
    public func leave() {
        state.withLock { $0 = State() }
    }

    /// `during enrich, chunk 68 (67 committed by this process)`, or nil outside a stage.
    public var description: String? {
        state.withLock { state in
            state.stage.map { "during \($0.rawValue), chunk \(state.committedChunks + 1) (\(state.committedChunks) committed by this process)" }
        }
    }
}
