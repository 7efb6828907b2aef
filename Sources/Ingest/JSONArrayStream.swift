import LeadModel
import Foundation

/// Streams the elements of a large JSON array out of a file, one element's bytes at a time, so a
/// 1 GB bulk export never sits in memory: either a top-level array `[…]` (Google webhook dumps), or the
/// `data` member of a top-level object (Meta Graph bulk-read pages `{"data":[…],"paging":…}`). A
/// top-level object without a `data` array is itself the one element (a single Graph lead).
///
/// It only finds element boundaries (strings, escapes and nesting); each element is then parsed on
/// its own, so one bad element is one rejected row.
struct JSONArrayStream {
    /// One element: its bytes, and the line it starts on.
    struct Element {
        var bytes: [UInt8]
        var line: Int
        /// Set when the file ended inside this element.
        var truncated = false

        /// Why this element cannot be a record, before parsing it.
        var problem: String? {
            if truncated { return "truncated JSON (the file ends inside this record)" }
            if bytes.count >= JSONArrayStream.maxElementBytes { return "record larger than \(JSONArrayStream.maxElementBytes >> 20) MB" }
            if String(validating: bytes, as: UTF8.self) == nil { return "invalid UTF-8" }
            return nil
        }

        var raw: String { String(decoding: bytes, as: UTF8.self) }
    }

    enum Target { case topLevelArray, dataMember }

    /// Largest element kept; a bigger one is cut to this size (and then fails to parse as JSON).
    static let maxElementBytes = 16 << 20

    private var source: ByteSource
    private let target: Target
    private let file: String
    private var ready: [Element] = []
    private var readyIndex = 0
    private var finished = false

    private var line = 1
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var topIsObject: Bool?
    /// Nesting depth of the array whose elements we return, once we are inside it.
    private var arrayDepth: Int?
    private var arrayClosed = false
    private var element: [UInt8]?
    private var elementLine = 0
    // Finding `"data": [` in the top-level object.
    private var expectingKey = false
    private var key: [UInt8]?
    private var lastKey: [UInt8] = []
    private var dataValueNext = false
    /// The top-level object's bytes while it may turn out to be a single lead.
    private var whole: [UInt8]? = []

    init(url: URL, target: Target) throws {
        source = try ByteSource(url: url)
        self.target = target
        file = url.lastPathComponent
    }

    /// The next element, or nil at the end of the array.
    mutating func next() throws -> Element? {
        while readyIndex >= ready.count {
            if finished { return nil }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if let chunk = try source.next() {
                try feed(chunk)
            } else {
                finished = true
                try finish()
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    private mutating func feed(_ bytes: [UInt8]) throws {
        for byte in bytes {
            if byte == 0x0A { line += 1 }
            if whole != nil, topIsObject == true, arrayDepth == nil { appendWhole(byte) }
            if inString {
                element?.appendBounded(byte)
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                    if let collected = key { lastKey = collected; key = nil }
                } else if key != nil, key!.count < 64 {
                    key!.append(byte)
                }
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                element?.appendBounded(byte)
                continue
            }
            if topIsObject == nil {
                switch (byte, target) {
                case (0x5B, .topLevelArray), (0x5B, .dataMember): topIsObject = false
                case (0x7B, .dataMember): topIsObject = true; appendWhole(byte)
                default:
                    throw IngestError(.malformedJSON, file: file, detail: "expected a JSON \(target == .dataMember ? "object or array" : "array")")
                }
            }
            // Inside the array, at its own level: separators and the end; anything else starts an element.
            if let level = arrayDepth, !arrayClosed, depth == level {
                if byte == 0x2C { endElement(); continue }
                if byte == 0x5D { endElement(); arrayClosed = true; depth -= 1; continue }
                if element == nil { element = []; elementLine = line }
            }
            element?.appendBounded(byte)
            switch byte {
            case 0x22:
                inString = true
                if expectingKey { key = []; expectingKey = false }
            case 0x7B, 0x5B:
                depth += 1
                if depth == 1, byte == 0x5B, arrayDepth == nil { arrayDepth = 1 }
                if depth == 1, byte == 0x7B { expectingKey = true }
                if depth == 2, byte == 0x5B, dataValueNext, arrayDepth == nil { arrayDepth = 2; whole = nil }
                dataValueNext = false
            case 0x7D, 0x5D:
                depth -= 1
                if depth < 0 { throw IngestError(.malformedJSON, file: file, detail: "unbalanced \(byte == 0x7D ? "}" : "]") on line \(line)") }
                if depth == 0, topIsObject == true, arrayDepth == nil, let object = whole {
                    ready.append(Element(bytes: object, line: 1))
                    whole = nil
                }
            case 0x2C:
                if depth == 1, topIsObject == true { expectingKey = true }
                dataValueNext = false
            case 0x3A:
                dataValueNext = depth == 1 && topIsObject == true && lastKey == Array("data".utf8)
            default:
                dataValueNext = false
            }
        }
        // No lead is this large: stop here rather than scan the rest of a huge file for its end.
        if element?.isFull == true {
            throw IngestError(.recordTooLarge, file: file, detail: "the record starting on line \(elementLine) is larger than \(Self.maxElementBytes >> 20) MB; no lead is")
        }
    }

    private mutating func appendWhole(_ byte: UInt8) {
        guard whole != nil else { return }
        if whole!.count < Self.maxElementBytes { whole!.append(byte) }
    }

    private mutating func endElement() {
        guard let bytes = element else { return }
        ready.append(Element(bytes: bytes, line: elementLine))
        element = nil
    }

    private mutating func finish() throws {
        if let bytes = element {
            ready.append(Element(bytes: bytes, line: elementLine, truncated: true))
            element = nil
            return
        }
        if topIsObject == nil {
            throw IngestError(.emptyFile, file: file, detail: "the file holds no JSON")
        }
        if depth != 0 || (arrayDepth != nil && !arrayClosed) {
            throw IngestError(.malformedJSON, file: file, detail: "the JSON ends early (the file may be truncated)")
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendBounded(_ byte: UInt8) {
        if count < JSONArrayStream.maxElementBytes { append(byte) }
    }

    fileprivate var isFull: Bool { count >= JSONArrayStream.maxElementBytes }
}
