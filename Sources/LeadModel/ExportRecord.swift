import Foundation

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
