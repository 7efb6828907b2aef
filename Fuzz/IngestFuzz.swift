// libFuzzer entry point for every export reader: the bytes are written to a file, the format is
// sniffed, and every record is read. Any crash, hang or sanitizer report is a bug; errors are fine.
// Built and run by Fuzz/run.sh (swiftc -sanitize=fuzzer,address), not by `swift build`.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-fuzz-\(getpid()).bin")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes: data, count: size))
    readEverything(url)
    return 0
}

func readEverything(_ url: URL) {
    for format in [try? ExportFormat.detect(url: url)].compactMap({ $0 }) + ExportFormat.allCases {
        guard var reader = try? format.reader(url: url, options: ReaderOptions(googleKey: Secret("k"))) else { continue }
        var count = 0
        while let record = try? reader.next() {
            count += 1
            if case .rejected(let row) = record { precondition(!row.reason.isEmpty) }
            precondition(count < 10_000_000)
        }
    }
}
