import Foundation

/// Buffers text and writes it to a file in large blocks, as UTF-8 or UTF-16LE with a byte-order mark.
struct ExportWriter {
    enum Encoding { case utf8, utf16LittleEndian }

    private let handle: FileHandle
    private let encoding: Encoding
    private var buffer = Data()

    init(url: URL, encoding: Encoding) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        self.encoding = encoding
        if encoding == .utf16LittleEndian { buffer.append(contentsOf: [0xFF, 0xFE]) }
    }

    mutating func write(_ text: String) throws {
        switch encoding {
        case .utf8:
            buffer.append(contentsOf: Array(text.utf8))
        case .utf16LittleEndian:
            for unit in text.utf16 { buffer.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        }
        if buffer.count > 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
