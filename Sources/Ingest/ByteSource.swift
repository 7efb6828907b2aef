import LeadModel
import Foundation

/// Reads a file's bytes in fixed-size chunks, transcoding UTF-16 (with a byte-order mark, or without one
/// when the file starts with plain UTF-16 text) to UTF-8 on the
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
    private var readBuffer: [UInt8] = []
    private var transcoded: [UInt8] = []
    private var exhausted = false

    /// Opens `url` and detects its byte-order mark.
    public init(url: URL, chunkSize: Int = 1 << 20) throws {
        self.handle = FileHandle(fileDescriptor: try ReadableFile.open(url), closeOnDealloc: true)
        self.chunkSize = chunkSize
        let head = [UInt8](try handle.read(upToCount: 64) ?? Data())
        switch head {
        case let h where h.starts(with: [0xEF, 0xBB, 0xBF]):
            pending = Array(h.dropFirst(3))
        case let h where h.starts(with: [0xFF, 0xFE]):
            encoding = .utf16LittleEndian
            pending = Array(h.dropFirst(2))
        case let h where h.starts(with: [0xFE, 0xFF]):
            encoding = .utf16BigEndian
            pending = Array(h.dropFirst(2))
        case let h where Self.looksLikeUTF16(h, littleEndian: true):
            encoding = .utf16LittleEndian
            pending = h
        case let h where Self.looksLikeUTF16(h, littleEndian: false):
            encoding = .utf16BigEndian
            pending = h
        default:
            pending = head
        }
    }

    /// UTF-16 without a byte-order mark, as some tools write it: text whose every other byte is zero
    /// (the high byte of ASCII characters), the other bytes printable.
    static func looksLikeUTF16(_ head: [UInt8], littleEndian: Bool) -> Bool {
        let count = head.count - head.count % 2
        guard count >= 8 else { return false }
        for index in stride(from: 0, to: count, by: 2) {
            let (low, high) = littleEndian ? (head[index], head[index + 1]) : (head[index + 1], head[index])
            guard high == 0, low == 0x09 || low == 0x0A || low == 0x0D || (0x20..<0x7F).contains(low) else { return false }
        }
        return true
    }

    /// The next chunk of UTF-8 bytes, or nil at the end of the file.
    ///
    /// The file is read with `read(2)` into a buffer kept between calls, so a steady stream of chunks does
    /// not allocate (and fault in) fresh megabytes each time.
    public mutating func next() throws -> [UInt8]? {
        if exhausted { return nil }
        readBuffer.removeAll(keepingCapacity: true)
        readBuffer.append(contentsOf: carry)
        readBuffer.append(contentsOf: pending)
        pending = []
        let before = readBuffer.count
        readBuffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let count = try readBuffer.withUnsafeMutableBufferPointer { buffer -> Int in
            let target = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[before...])
            while true {
                let count = read(handle.fileDescriptor, target.baseAddress, target.count)
                if count >= 0 { return count }
                guard errno == EINTR else { throw CocoaError(.fileReadUnknown) }
            }
        }
        readBuffer.removeLast(chunkSize - count)
        if count == 0 {
            exhausted = true
            try? handle.close()
        }
        if encoding == .utf8 {
            return readBuffer.isEmpty && exhausted ? nil : readBuffer
        }
        transcodeUTF16(final: exhausted)
        return transcoded.isEmpty && exhausted ? nil : transcoded
    }

    /// `readBuffer`'s UTF-16 bytes to UTF-8 in `transcoded`: a tight loop for the scalars outside the
    /// surrogate range, the standard decoder (lone surrogates become U+FFFD) for pairs.
    private mutating func transcodeUTF16(final: Bool) {
        let bytes = readBuffer
        var usable = bytes.count - bytes.count % 2
        let littleEndian = encoding == .utf16LittleEndian
        func unit(_ index: Int) -> UInt16 {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        // Keep a dangling high surrogate for the next chunk.
        if !final, usable >= 2, UTF16.isLeadSurrogate(unit(usable - 2)) { usable -= 2 }
        carry = Array(bytes[usable...])
        // At most 3 UTF-8 bytes per 2 UTF-16 bytes (a surrogate pair: 4 bytes for 4).
        let capacity = usable / 2 * 3 + 3
        transcoded.removeAll(keepingCapacity: true)
        transcoded.append(contentsOf: repeatElement(0, count: capacity))
        let written = transcoded.withUnsafeMutableBufferPointer { buffer -> Int in
            var at = 0
            var index = 0
            while index < usable {
                let value = unit(index)
                switch value {
                case 0..<0x80:
                    buffer[at] = UInt8(value)
                    at += 1
                    index += 2
                case 0x80..<0x800:
                    buffer[at] = UInt8(0xC0 | value >> 6)
                    buffer[at + 1] = UInt8(0x80 | value & 0x3F)
                    at += 2
                    index += 2
                case 0x800..<0xD800, 0xE000...0xFFFF:
                    buffer[at] = UInt8(0xE0 | value >> 12)
                    buffer[at + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[at + 2] = UInt8(0x80 | value & 0x3F)
                    at += 3
                    index += 2
                default:
                    // A surrogate: decode the pair (or replace the lone half) with the standard decoder.
                    let units = index + 2 < usable ? [value, unit(index + 2)] : [value]
                    var iterator = units.makeIterator()
                    var decoder = UTF16()
                    var scalar: Unicode.Scalar = "\u{FFFD}"
                    if case .scalarValue(let decoded) = decoder.decode(&iterator) { scalar = decoded }
                    UTF8.encode(scalar) { byte in
                        buffer[at] = byte
                        at += 1
                    }
                    index += scalar.value > 0xFFFF ? 4 : 2
                }
            }
            return at
        }
        transcoded.removeLast(capacity - written)
        if final && !carry.isEmpty { transcoded.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
    }
}
