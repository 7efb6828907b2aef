import LeadModel
import Foundation

/// Pulls CSV records one at a time from a file, reading more bytes only when needed.
public struct CSVReader {
    private var source: ByteSource
    private var tokenizer: CSVTokenizer
    private var queue: [CSVRecord] = []
    private var position = 0
    private var finished = false

    /// Opens `url`; the delimiter is guessed from the first line unless given.
    public init(url: URL, delimiter: UInt8? = nil) throws {
        var source = try ByteSource(url: url)
        let first = try source.next() ?? []
        self.source = source
        self.tokenizer = CSVTokenizer(delimiter: delimiter ?? Self.guessDelimiter(first))
        tokenizer.feed(first, into: &queue)
        if first.isEmpty { finished = true; tokenizer.finish(into: &queue) }
    }

    /// The next record, or nil at the end of the file.
    public mutating func next() throws -> CSVRecord? {
        while position >= queue.count {
            if finished { return nil }
            queue.removeAll(keepingCapacity: true)
            position = 0
            if let chunk = try source.next() {
                tokenizer.feed(chunk, into: &queue)
            } else {
                finished = true
                tokenizer.finish(into: &queue)
            }
        }
        defer { position += 1 }
        return queue[position]
    }

    /// Tab when the first line has more tabs than commas (Meta's "csv" downloads are TSV), else comma.
    static func guessDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix { $0 != 0x0A }
        let tabs = firstLine.filter { $0 == 0x09 }.count
        let commas = firstLine.filter { $0 == 0x2C }.count
        return tabs > commas ? 0x09 : 0x2C
    }
}
