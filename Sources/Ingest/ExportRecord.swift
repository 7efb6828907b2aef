import Foundation
import LeadModel

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
