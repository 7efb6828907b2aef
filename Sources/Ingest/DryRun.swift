import Foundation
import LeadModel

/// Reads a file as ingest would, without a database: what it would load and what it would reject.
public struct DryRun: Sendable {
    public var format: ExportFormat
    public var rowsRead = 0
    public var leads = 0
    public var testLeads = 0
    public var spendRows = 0
    /// Rejected rows: line and reason (never the row text, which may hold PII).
    public var rejected: [(line: Int, reason: String)] = []

    /// Reads all of `url`; throws `IngestError` when the file as a whole cannot be read.
    public static func read(_ url: URL, options: ReaderOptions = ReaderOptions()) throws -> DryRun {
        let format = try ExportFormat.detect(url: url)
        var reader = try format.reader(url: url, options: options)
        var result = DryRun(format: format)
        while let record = try reader.next() {
            result.rowsRead += 1
            switch record {
            case .lead(let lead):
                result.leads += 1
                if lead.isTest { result.testLeads += 1 }
            case .spend: result.spendRows += 1
            case .rejected(let row): result.rejected.append((row.line, row.reason))
            }
        }
        return result
    }
}
