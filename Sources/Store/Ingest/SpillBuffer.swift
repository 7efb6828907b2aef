import Foundation
import NIOCore

/// Bytes set aside while a COPY is streaming, to be sent once it ends: kept in memory up to a limit, then
/// appended to an anonymous temporary file (closed with the last copy of the buffer), so a file full of odd rows cannot grow memory without bound.
struct SpillBuffer: Sendable {
    private let memoryLimit: Int
    private var memory = ByteBuffer()
    private var file: FileHandle?
    private(set) var isEmpty = true

    init(memoryLimit: Int = 8 << 20) {
        self.memoryLimit = memoryLimit
    }

    mutating func append(_ bytes: ByteBuffer) throws {
        guard bytes.readableBytes > 0 else { return }
        isEmpty = false
        if file == nil, memory.readableBytes + bytes.readableBytes <= memoryLimit {
            var bytes = bytes
            memory.writeBuffer(&bytes)
            return
        }
        let handle = try file ?? Self.temporaryFile()
        file = handle
        if memory.readableBytes > 0 {
            try handle.write(contentsOf: memory.readableBytesView)
            memory.clear()
        }
        try handle.write(contentsOf: bytes.readableBytesView)
    }

    /// Calls `body` with the stored bytes in order: the in-memory part at once, a spilled file in 1 MiB chunks.
    func drain(_ body: (ByteBuffer) async throws -> Void) async throws {
        guard let file else {
            if memory.readableBytes > 0 { try await body(memory) }
            return
        }
        try file.seek(toOffset: 0)
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            try await body(ByteBuffer(bytes: chunk))
        }
    }

    /// A file in the temporary directory, unlinked at once: it vanishes with the handle, even after a crash.
    private static func temporaryFile() throws -> FileHandle {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-spill-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
