import Foundation

/// Reads a file's bytes in fixed-size chunks, transcoding UTF-16 (with byte-order mark) to UTF-8 on the
/// way, so every reader above it sees UTF-8 and memory stays flat whatever the file size.
public struct ByteSource {
    /// The text encodings a byte-order mark announces.
    public enum Encoding: Sendable, Equatable {
        case utf8
        case utf16LittleEndian
        case utf16BigEndian
    }

    private let handle: FileHandle
    private let chunkSize: Int
    public private(set) var encoding: Encoding = .utf8
    private var carry: [UInt8] = []
    private var pending: [UInt8]
    private var exhausted = false

    /// Opens `url` and detects its byte-order mark.
    public init(url: URL, chunkSize: Int = 1 << 20) throws {
        self.handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
        let head = [UInt8](try handle.read(upToCount: 4) ?? Data())
        switch head {
        case let h where h.starts(with: [0xEF, 0xBB, 0xBF]):
            pending = Array(h.dropFirst(3))
        case let h where h.starts(with: [0xFF, 0xFE]):
            encoding = .utf16LittleEndian
            pending = Array(h.dropFirst(2))
        case let h where h.starts(with: [0xFE, 0xFF]):
            encoding = .utf16BigEndian
            pending = Array(h.dropFirst(2))
        default:
            pending = head
        }
    }

    /// The next chunk of UTF-8 bytes, or nil at the end of the file.
    public mutating func next() throws -> [UInt8]? {
        if exhausted { return nil }
        var bytes = pending
        pending = []
        if let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            bytes.append(contentsOf: data)
        } else {
            exhausted = true
            try? handle.close()
        }
        if encoding == .utf8 {
            return bytes.isEmpty && exhausted ? nil : bytes
        }
        let out = transcodeUTF16(carry + bytes, final: exhausted)
        return out.isEmpty && exhausted ? nil : out
    }

    private mutating func transcodeUTF16(_ bytes: [UInt8], final: Bool) -> [UInt8] {
        let usable = bytes.count - bytes.count % 2
        var units: [UInt16] = []
        units.reserveCapacity(usable / 2)
        var index = 0
        while index < usable {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(encoding == .utf16LittleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        carry = Array(bytes[usable...])
        // Keep a dangling high surrogate for the next chunk.
        if !final, let last = units.last, UTF16.isLeadSurrogate(last) {
            carry = Array(bytes[(usable - 2)...])
            units.removeLast()
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        for scalar in Unicode.Scalar.decodeUTF16(units) {
            UTF8.encode(scalar) { out.append($0) }
        }
        if final && !carry.isEmpty { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
        return out
    }
}

extension Unicode.Scalar {
    /// Decodes UTF-16 code units, replacing lone surrogates with U+FFFD.
    static func decodeUTF16(_ units: [UInt16]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return scalars
            case .error: scalars.append("\u{FFFD}")
            }
        }
    }
}
