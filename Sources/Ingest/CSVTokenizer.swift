import LeadModel
import Foundation
/// One record of a delimited file: its fields, the line it starts on, and its raw text.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based line number where the record starts.
    public var line: Int
    /// The record's bytes as they were in the file, for rejected rows.
    public var rawBytes: [UInt8]
    /// The record's text as it was in the file (decoded leniently).
    public var raw: String { String(decoding: rawBytes, as: UTF8.self) }
    /// Set when the record could not be tokenized cleanly; `fields` is then partial.
    public var problem: String?
}

/// A streaming RFC 4180 tokenizer: fed bytes in chunks of any size, it emits complete records.
///
/// Handles quoted fields with doubled quotes, embedded delimiters and newlines, CRLF and LF mixed, and
/// reports invalid UTF-8 and an unterminated quote at the end of input as a record `problem`.
public struct CSVTokenizer: Sendable {
    /// Largest field accepted; a longer one makes its record a problem rather than exhausting memory.
    public static let maxFieldBytes = 1 << 20

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    public let delimiter: UInt8
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var raw: [UInt8] = []
    private var line = 1
    private var recordLine = 1
    private var problem: String?

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Consumes `bytes`, appending every record they complete to `records`.
    ///
    /// Runs of ordinary bytes inside a field are found with a tight scan and copied at once; the state
    /// machine only sees delimiters, quotes and line ends.
    public mutating func feed(_ bytes: [UInt8], into records: inout [CSVRecord]) {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                if state == .unquoted || state == .quoted {
                    let quoted = state == .quoted
                    var end = index
                    if quoted {
                        while end < count, buffer[end] != 0x22 { end += 1 }
                    } else {
                        while end < count, buffer[end] != delimiter, buffer[end] != 0x0A { end += 1 }
                    }
                    if end > index {
                        let run = UnsafeBufferPointer(rebasing: buffer[index..<end])
                        if quoted { line += run.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
                        appendRaw(run)
                        append(run)
                        index = end
                        continue
                    }
                }
                let byte = buffer[index]
                index += 1
                appendRaw(UnsafeBufferPointer(rebasing: buffer[(index - 1)..<index]))
                if byte == 0x0A { line += 1 }
                switch state {
                case .fieldStart:
                    if byte == 0x22 { state = .quoted } else { plain(byte, &records) }
                case .unquoted:
                    plain(byte, &records)
                case .quoted:
                    state = .quoteInQuoted
                case .quoteInQuoted:
                    if byte == 0x22 {
                        append(0x22)
                        state = .quoted
                    } else {
                        state = .unquoted
                        plain(byte, &records)
                    }
                }
            }
        }
    }

    /// Flushes the last record at the end of input (a file need not end with a newline).
    public mutating func finish(into records: inout [CSVRecord]) {
        if state == .quoted {
            problem = problem ?? "unterminated quoted field (the file may be truncated)"
        }
        if !field.isEmpty || !fields.isEmpty || state != .fieldStart {
            endRecord(&records)
        }
    }

    private mutating func plain(_ byte: UInt8, _ records: inout [CSVRecord]) {
        switch byte {
        case delimiter:
            endField()
            state = .fieldStart
        case 0x0A:
            if field.last == 0x0D { field.removeLast() }
            endRecord(&records)
        default:
            append(byte)
            state = .unquoted
        }
    }

    private mutating func appendRaw(_ run: UnsafeBufferPointer<UInt8>) {
        let room = Self.maxFieldBytes * 2 - raw.count
        if room > 0 { raw.append(contentsOf: run.prefix(room)) }
    }

    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        let room = Self.maxFieldBytes - field.count
        field.append(contentsOf: run.prefix(room))
        if run.count > room, problem == nil {
            problem = "field longer than \(Self.maxFieldBytes) bytes"
        }
    }

    private mutating func append(_ byte: UInt8) {
        if field.count < Self.maxFieldBytes {
            field.append(byte)
        } else if problem == nil {
            problem = "field longer than \(Self.maxFieldBytes) bytes"
        }
    }

    private mutating func endField() {
        if let text = field.withUnsafeBufferPointer(Self.text(utf8:)) {
            fields.append(text)
        } else {
            problem = problem ?? "invalid UTF-8 in field \(fields.count + 1) (is the file Latin-1 or another encoding?)"
            fields.append(String(decoding: field, as: UTF8.self))
        }
        field.removeAll(keepingCapacity: true)
    }

    /// The field's text, or nil when it is not valid UTF-8. ASCII, by far the common case, skips the validator.
    private static func text(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80 ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    private mutating func endRecord(_ records: inout [CSVRecord]) {
        endField()
        while raw.last == 0x0A || raw.last == 0x0D { raw.removeLast() }
        let blank = fields.count == 1 && fields[0].isEmpty && problem == nil
        if !blank {
            records.append(CSVRecord(fields: fields, line: recordLine, rawBytes: raw, problem: problem))
        }
        fields.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        problem = nil
        state = .fieldStart
        recordLine = line
    }
}
