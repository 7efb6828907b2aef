import Foundation
import Store
import TestSupport
import Testing

/// A short libFuzzer run over every reader (Fuzz/run.sh), with the committed seed corpus.
@Suite struct FuzzTests {
    @Test func readersSurviveAShortFuzzRun() throws {
        let root = TestFiles.repositoryRoot
        let result = try Subprocess.run(
            ["/bin/bash", root.appendingPathComponent("Fuzz/run.sh").path, "15"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
        #expect(result.exitCode == 0, "\(result.output.suffix(3000))")
        #expect(result.output.contains("DONE"))
    }
}
