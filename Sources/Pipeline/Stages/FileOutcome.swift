import Ingest

/// What ingest made of one file: rows read = leads + spend rows + rejected + repeated.
public struct FileOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case loaded(format: ExportFormat)
        case alreadyIngested
        case failed(String)
    }

    public var file: String
    public var status: Status
    public var rowsRead: Int64 = 0
    public var leads: Int64 = 0
    public var spendRows: Int64 = 0
    public var rejected: Int64 = 0
    /// Leads already known from another file (same platform id): recorded as sightings.
    public var repeated: Int64 = 0
    /// Spend of a campaign and day this file replaced, loaded before from another file, in words.
    public var replacedSpend: [String] = []
}
