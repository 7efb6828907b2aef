import Foundation

/// One golden file under `fixtures/golden/`: a test's output is compared with it, and
/// `PLUMBERLEADS_UPDATE_GOLDEN=1` rewrites it after a change meant to alter the output.
public struct GoldenFile: Sendable {
    public let url: URL

    /// `relative` is under `fixtures/golden/`.
    public init(_ relative: String) {
        url = TestFiles.repositoryRoot.appendingPathComponent("fixtures/golden").appendingPathComponent(relative)
    }

    /// Whether `text` is the golden text (in update mode it becomes the golden text).
    public func matches(_ text: String) throws -> Bool {
        if ProcessInfo.processInfo.environment["PLUMBERLEADS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return true
        }
        return try String(contentsOf: url, encoding: .utf8) == text
    }
}
