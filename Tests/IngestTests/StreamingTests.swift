import Foundation
@testable import Ingest
import LeadModel
import Testing

@Suite struct ByteSourceTests {
    func transcode(_ data: Data, chunk: Int) throws -> [UInt8] {
        var source = try ByteSource(url: try write("text.txt", data), chunkSize: chunk)
        var out: [UInt8] = []
        while let bytes = try source.next() { out += bytes }
        return out
    }

    static let text = "plain ASCII, café, ünïcødé, 東京, a shower 🚿 and a pipe 🪠\n"

    @Test("UTF-16 becomes the same UTF-8 whatever the chunk size", arguments: [1, 2, 3, 5, 4096])
    func utf16(chunk: Int) throws {
        var bigEndian = Data([0xFE, 0xFF])
        for unit in Self.text.utf16 { bigEndian.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        #expect(try transcode(utf16LE(Self.text), chunk: chunk) == Array(Self.text.utf8))
        #expect(try transcode(bigEndian, chunk: chunk) == Array(Self.text.utf8))
    }

    @Test("lone surrogates and an odd last byte become U+FFFD", arguments: [1, 3, 4096])
    func brokenUTF16(chunk: Int) throws {
        // "a", lone high surrogate, "b", lone low surrogate, "c", then one stray byte.
        let data = Data([0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0xBF, 0xDE, 0x63, 0x00, 0x64])
        #expect(String(decoding: try transcode(data, chunk: chunk), as: UTF8.self) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    }

    @Test func utf8PassesThroughWithoutItsBOM() throws {
        #expect(try transcode(Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8), chunk: 7) == Array(Self.text.utf8))
    }
}

@Suite struct JSONArrayStreamTests {
    func elements(_ json: String, _ target: JSONArrayStream.Target) throws -> [JSONArrayStream.Element] {
        var stream = try JSONArrayStream(url: try write("x.json", Data(json.utf8)), target: target)
        var out: [JSONArrayStream.Element] = []
        while let element = try stream.next() { out.append(element) }
        return out
    }

    @Test func topLevelArrayElementsWithNestingStringsAndEscapes() throws {
        let json = "[\n {\"a\":[1,2,{\"b\":\"],}\"}]},\n \"x\\\"y\",\n 42 ,\n null\n]\n"
        let found = try elements(json, .topLevelArray)
        #expect(found.map { String(decoding: $0.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            == [#"{"a":[1,2,{"b":"],}"}]}"#, #""x\"y""#, "42", "null"])
        #expect(found.map(\.line) == [2, 3, 4, 5])
    }

    @Test func dataMemberOfAPageSkipsTheRest() throws {
        let json = #"{"paging":{"data":[9]},"data":[{"id":"1"},{"id":"2","data":[3]}],"next":"[x]"}"#
        let found = try elements(json, .dataMember)
        #expect(found.map(\.raw) == [#"{"id":"1"}"#, #"{"id":"2","data":[3]}"#])
    }

    @Test func anObjectWithoutDataIsOneElement() throws {
        let json = #" {"id":"1","field_data":[{"name":"data","values":["x"]}]} "#
        #expect(try elements(json, .dataMember).map(\.raw) == [#"{"id":"1","field_data":[{"name":"data","values":["x"]}]}"#])
    }

    @Test func aTruncatedFileEndsWithATruncatedElement() throws {
        let found = try elements(#"[{"id":"1"},{"id":"2","us"#, .topLevelArray)
        #expect(found.count == 2)
        #expect(found[0].problem == nil)
        #expect(found[1].problem == "truncated JSON (the file ends inside this record)")
    }

    @Test("structural damage is a file error", arguments: ["[{}]]", "[1,2,", "", "  ", "hello"])
    func damage(json: String) {
        #expect(throws: IngestError.self) { _ = try elements(json, .topLevelArray) }
    }
}

@Suite struct StreamedArrayReaderTests {
    @Test func googleArrayRowsAreNumberedByLineAndBadElementsRejected() throws {
        let json = "[\n" + #"{"lead_id":"A","user_column_data":[]},"# + "\n" + #"{"lead_id":7,"user_column_data":[]},"# + "\n"
            + #"{"lead_id":"B","user_column_data":[]}"# + "\n]"
        let records = try readAll(try write("g.json", Data(json.utf8)))
        #expect(records.count == 3)
        guard case .rejected(let row) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(row.line == 3)
        guard case .lead(let last) = records[2] else { Issue.record("expected a lead"); return }
        #expect(last.line == 4)
    }
}
