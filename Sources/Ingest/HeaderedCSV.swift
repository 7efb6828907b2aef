import Foundation
import LeadModel

/// A CSV file ops hand in (a roster, return requests) whose first line names its columns: each row
/// comes out as its fields by column name, trimmed, or as a rejected row with its line and reason.
public struct HeaderedCSV {
    /// The columns as the header names them, trimmed and lower-cased.
    public let columns: [String]
    private var csv: CSVReader

    /// Opens `url` and checks its header: every `required` column must be there and, when `allowed` is
    /// given, no column outside `required + allowed`. `emptyDetail` says what an empty file is.
    public init(url: URL, required: [String], allowed: [String]? = nil, emptyDetail: String = "the file is empty") throws {
        csv = try CSVReader(url: url)
        guard let header = try csv.next() else { throw IngestError(.emptyFile, file: url.lastPathComponent, detail: emptyDetail) }
        columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw IngestError(.missingColumns, file: url.lastPathComponent, detail: "missing column(s) \(missing.joined(separator: ", "))")
        }
        if let allowed, let unknown = columns.first(where: { !required.contains($0) && !allowed.contains($0) }) {
            throw IngestError(
                .missingColumns, file: url.lastPathComponent, detail: "unknown column \"\(unknown)\" (known: \((required + allowed).joined(separator: ", ")))")
        }
    }

    /// One data row: its fields by column, or why it cannot be used.
    public struct Row: Sendable {
        public var line: Int
        public var raw: String
        /// The fields by column; nil when the row is unusable.
        public var fields: [String: String]?
        /// Why the row is unusable (torn quoting, the wrong number of fields).
        public var problem: String?

        /// The row as rejected for `reason`.
        public func rejected(_ reason: String) -> RejectedRow { RejectedRow(line: line, reason: reason, raw: raw) }
    }

    /// The next row, or nil at the end of the file.
    public mutating func next() throws -> Row? {
        guard let record = try csv.next() else { return nil }
        let reject = { (reason: String) in Row(line: record.line, raw: record.raw, fields: nil, problem: reason) }
        if let problem = record.problem { return reject(problem) }
        guard record.fields.count == columns.count else { return reject("expected \(columns.count) fields, found \(record.fields.count)") }
        let fields = Dictionary(zip(columns, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { first, _ in first })
        return Row(line: record.line, raw: record.raw, fields: fields, problem: nil)
    }
}
