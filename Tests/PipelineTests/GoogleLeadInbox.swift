import Foundation
import TestSupport

/// Small hand-made inboxes of Google lead-form webhook lines, one file per business day.
enum GoogleLeadInbox {
    /// One webhook line for a lead in ZIP 60613.
    static func lead(_ id: String, _ name: String, _ phone: String, _ email: String, _ street: String, _ service: String, day: String) -> String {
        func column(_ id: String, _ value: String) -> String { #"{"column_id":"\#(id)","string_value":"\#(value)"}"# }
        let columns = [
            column("FULL_NAME", name), column("PHONE_NUMBER", phone), column("EMAIL", email), column("STREET_ADDRESS", street),
            column("CITY", "Chicago"), column("REGION", "IL"), column("POSTAL_CODE", "60613"), column("what_service_do_you_need", service),
        ]
        return #"{"lead_id":"\#(id)","user_column_data":[\#(columns.joined(separator: ","))],"campaign_id":1,"google_key":"demo-key","lead_submit_time":"\#(day)T09:00:00-06:00"}"#
    }

    /// A new inbox folder with `google-leads-DAY.jsonl` under `DAY/` for each day; the pipeline's inbox is
    /// the returned folder followed by `{date}`.
    static func write(_ label: String, days: [(String, [String])]) throws -> URL {
        let inbox = try TestFiles.folder(label)
        for (day, lines) in days {
            let folder = inbox.appendingPathComponent(day)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("google-leads-\(day).jsonl"), atomically: true, encoding: .utf8)
        }
        return inbox
    }
}
