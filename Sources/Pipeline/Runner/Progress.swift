import Foundation
import Synchronization

/// Reports progress: a live line on a terminal, a log line every few seconds otherwise.
public final class Progress: Sendable {
    private struct State {
        var rows: [String: Int64] = [:]
        var lastPrint = ContinuousClock.now
    }

    private let state = Mutex(State())
    private let interactive: Bool
    private let enabled: Bool

    public init(enabled: Bool = true) {
        self.enabled = enabled
        interactive = isatty(STDERR_FILENO) == 1
    }

    /// Notes `rows` more rows done in `stage`.
    public func advance(stage: StageName, by rows: Int64) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.rows[stage.rawValue, default: 0] += rows
            let now = ContinuousClock.now
            guard now - state.lastPrint > (interactive ? .milliseconds(100) : .seconds(5)) else { return nil }
            state.lastPrint = now
            return "\(stage.rawValue): \(state.rows[stage.rawValue]!) rows"
        }
        if let line { write(line) }
    }

    /// Ends a stage's line.
    public func finish(stage: StageName, summary: String) {
        guard enabled else { return }
        write("\(stage.rawValue): \(summary)", final: true)
    }

    private func write(_ text: String, final: Bool = false) {
        let out = interactive ? "\r\u{1B}[2K" + text + (final ? "\n" : "") : text + "\n"
        FileHandle.standardError.write(Data(out.utf8))
    }
}
