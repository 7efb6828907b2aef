import Foundation
import Ingest
import LeadModel
import Store

/// An export reader that applies `SubmissionTime` to each lead of another: an impossible submission time
/// turns the lead into a rejected row with its reason, an odd one is counted for the file's notes.
final class SubmissionTimeCheck: ExportReader {
    private var reader: any ExportReader
    private let rules: SubmissionTime
    /// Leads loaded with an odd submission time, and the first such reason.
    private(set) var odd = 0
    private(set) var firstOdd: String?

    init(_ reader: any ExportReader, day: BusinessDate, timeZone: TimeZone) {
        self.reader = reader
        rules = SubmissionTime(day: day, timeZone: timeZone)
    }

    func next() throws -> ExportRecord? {
        guard let record = try reader.next() else { return nil }
        guard case .lead(let lead) = record else { return record }
        switch rules.judge(lead.createdAt) {
        case .plausible:
            return record
        case .odd(let reason):
            odd += 1
            if firstOdd == nil { firstOdd = "line \(lead.line): \(reason)" }
            return record
        case .impossible(let reason):
            return .rejected(RejectedRow(line: lead.line, reason: reason, raw: String(decoding: LeadPayload.encode(lead), as: UTF8.self)))
        }
    }

    /// The note for the file, or nil when no lead was odd.
    var note: String? {
        firstOdd.map { "\(odd) lead\(odd == 1 ? "" : "s") submitted \(SubmissionTime.staleDays)+ days before the business day (first: \($0))" }
    }
}
