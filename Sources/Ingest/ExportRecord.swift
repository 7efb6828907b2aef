import Foundation
import LeadModel

/// A row that could not become a lead or a spend row, with where it was and why.
public struct RejectedRow: Sendable, Hashable {
    public var line: Int
    public var reason: String
    /// The row's text as it was in the file (stored encrypted: it may hold PII).
    public var raw: String

    public init(line: Int, reason: String, raw: String) {
        self.line = line
        self.reason = reason
        self.raw = raw
    }
}

/// What a reader yields for each row of an export.
public enum ExportRecord: Sendable, Hashable {
    case lead(RawLead)
    case spend(SpendRow)
    case rejected(RejectedRow)
}

/// A streaming reader over one export file: every row it reads comes out as exactly one record.
public protocol ExportReader {
    /// The next record, or nil at the end of the file. Throws only when the file as a whole is unreadable.
    mutating func next() throws -> ExportRecord?
}

/// A whole file that cannot be read: the batch goes on without it.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case emptyFile = "empty_file"
        case headerOnly = "header_only"
        case unknownFormat = "unknown_format"
        case missingColumns = "missing_columns"
        case binaryFile = "binary_file"
        case invalidEncoding = "invalid_encoding"
        case malformedJSON = "malformed_json"
        case malformedXML = "malformed_xml"
        case recordTooLarge = "record_too_large"
        case unreadable
    }

    public var code: Code
    public var file: String
    public var detail: String

    public init(_ code: Code, file: String, detail: String) {
        self.code = code
        self.file = file
        self.detail = detail
    }

    public var description: String { "\(file): \(code.rawValue): \(detail)" }
}
