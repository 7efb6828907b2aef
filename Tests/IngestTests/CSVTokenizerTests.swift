import Foundation
import Ingest
import Testing

@Suite struct CSVTokenizerTests {
    func tokenize(_ text: String, delimiter: Character = ",", chunk: Int = 3) -> [CSVRecord] {
        var tokenizer = CSVTokenizer(delimiter: delimiter.asciiValue!)
        var records: [CSVRecord] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            tokenizer.feed(Array(bytes[index..<min(bytes.count, index + chunk)]), into: &records)
            index += chunk
        }
        tokenizer.finish(into: &records)
        return records
    }

    @Test("quoted fields keep delimiters, doubled quotes and newlines, whatever the chunk size", arguments: [1, 2, 7, 1000])
    func quoting(chunk: Int) {
        let records = tokenize("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\r\n", chunk: chunk)
        #expect(records.map(\.fields) == [["a", "b,c", "say \"hi\""], ["multi\nline", "x", ""]])
        #expect(records.map(\.line) == [1, 2])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func mixedLineEndingsAndNoFinalNewline() {
        let records = tokenize("a\tb\r\nc\td\ne\tf", delimiter: "\t")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func blankLinesAreSkipped() {
        #expect(tokenize("a,b\n\n\nc,d\n").map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func unterminatedQuoteIsAProblemNotACrash() {
        let records = tokenize("a,b\nc,\"never closed\n")
        #expect(records.count == 2)
        #expect(records[1].problem?.contains("unterminated") == true)
    }

    @Test func invalidUTF8IsReported() {
        var tokenizer = CSVTokenizer(delimiter: UInt8(ascii: ","))
        var records: [CSVRecord] = []
        tokenizer.feed(Array("name,city\n".utf8) + [0x4A, 0x6F, 0x73, 0xE9, 0x2C, 0x41, 0x0A], into: &records)  // "José" in Latin-1
        tokenizer.finish(into: &records)
        #expect(records[0].problem == nil)
        #expect(records[1].problem?.contains("invalid UTF-8") == true)
    }

    @Test func hugeFieldIsCappedAndReported() {
        let records = tokenize("a,\(String(repeating: "x", count: CSVTokenizer.maxFieldBytes + 10))\nb,c\n", chunk: 1 << 16)
        #expect(records.count == 2)
        #expect(records[0].problem?.contains("longer than") == true)
        #expect(records[1].fields == ["b", "c"])
    }
}
