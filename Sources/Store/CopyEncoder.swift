import Foundation
import NIOCore

/// Builds rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes),
/// the only format PostgresNIO's `copyFrom` takes.
public struct CopyEncoder: Sendable {
    public private(set) var buffer = ByteBuffer()
    public private(set) var rows = 0
    private var fieldsInRow = 0

    public init() {}

    public mutating func text(_ value: String?) {
        separator()
        guard let value else { buffer.writeStaticString("\\N"); return }
        if !value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public mutating func integer<I: BinaryInteger>(_ value: I?) {
        separator()
        guard let value else { buffer.writeStaticString("\\N"); return }
        buffer.writeString(String(value))
    }

    /// A `timestamptz` in the form PostgreSQL reads (`2026-11-24 17:18:23+00`).
    public mutating func timestamp(_ value: Date?) {
        text(value.map(Self.postgresTimestamp))
    }

    /// `2026-11-24 17:18:23+00`, what PostgreSQL's timestamptz input reads, without a formatter per row.
    public static func postgresTimestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Four digits always: PostgreSQL reads a year written `1` as 2001.
        let year = String(parts.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))+00"
    }

    public mutating func bool(_ value: Bool) {
        separator()
        buffer.writeStaticString(value ? "t" : "f")
    }

    /// bytea in hex form: `\\x0a1b…` (the backslash itself escaped for the text format).
    public mutating func bytes(_ value: Data?) {
        separator()
        guard let value else { buffer.writeStaticString("\\N"); return }
        buffer.writeStaticString("\\\\x")
        let count = value.count * 2
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { out in
            value.withUnsafeBytes { input in
                var index = 0
                for byte in input {
                    out[index] = Self.hexDigits[Int(byte >> 4)]
                    out[index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    index += 2
                }
            }
            return count
        }
    }

    /// A `text[]` literal, `{"a","b \"c\""}`, escaped twice over: for the array (backslash, quote) and
    /// for COPY (backslash, tab, newline, carriage return).
    public mutating func textArray(_ values: [String]) {
        separator()
        buffer.writeInteger(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeInteger(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\\\\\")  // \ in the array, each \ doubled for COPY
                case 0x22: buffer.writeStaticString("\\\\\"")  // \" in the array
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
            buffer.writeInteger(UInt8(ascii: "\""))
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    public mutating func endRow() {
        buffer.writeInteger(UInt8(0x0A))
        rows += 1
        fieldsInRow = 0
    }

    /// Appends rows another encoder made (whole rows: call between rows).
    mutating func append(_ rows: inout ByteBuffer) {
        buffer.writeBuffer(&rows)
    }

    /// Hands the bytes over and starts empty.
    public mutating func take() -> ByteBuffer {
        defer { buffer = ByteBuffer(); rows = 0 }
        return buffer
    }

    private mutating func separator() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(0x09)) }
        fieldsInRow += 1
    }
}
