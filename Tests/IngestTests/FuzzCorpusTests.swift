import Foundation
import Ingest
import LeadModel
import Testing

/// Replays the committed fuzz corpus (seeds and every crash the fuzzer found) through every reader in a
/// normal build: each must end in records or a clean `IngestError`, never a crash.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test("every corpus file reads cleanly under every reader", arguments: files)
    func replay(name: String) throws {
        let url = Self.corpus.appendingPathComponent(name)
        for format in ExportFormat.allCases {
            guard var reader = try? format.reader(url: url) else { continue }
            while (try? reader.next()).flatMap({ $0 }) != nil {}
        }
        _ = try? ExportFormat.detect(url: url)
    }

    @Test func corpusIsThere() {
        #expect(Self.files.count >= 8)
    }
}
