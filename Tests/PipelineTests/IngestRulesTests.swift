import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// Ingest's rules over what a file claims: submission times that cannot be, and spend that replaces
/// another file's.
@Suite struct IngestRulesTests {
    static let day = try! BusinessDate(parsing: "2026-11-24")

    static func runner(_ harness: PipelineHarness) -> PipelineRunner {
        PipelineRunner(
            definition: harness.definition, database: harness.database, services: harness.services, failpoints: .none,
            logger: .init(label: "test"), progress: Progress(enabled: false))
    }

    static func lead(_ id: String, submitted: String) -> String {
        #"{"lead_id":"\#(id)","user_column_data":[{"column_id":"FULL_NAME","string_value":"Ann Lee"},{"column_id":"PHONE_NUMBER","string_value":"(773) 281-4409"},{"column_id":"POSTAL_CODE","string_value":"60613"}],"campaign_id":1,"google_key":"demo-key","lead_submit_time":"\#(submitted)"}"#
    }

    @Test func impossibleSubmissionTimesAreRejectedRowsAndOldOnesNoted() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            let file = try TestFiles.file("google-leads.jsonl", [
                Self.lead("ok", submitted: "2026-11-24T09:00:00-06:00"),
                Self.lead("year1", submitted: "0001-01-01T00:00:00Z"),
                Self.lead("year9999", submitted: "9999-12-31T23:59:59Z"),
                Self.lead("ahead", submitted: "2027-05-24T09:00:00-06:00"),
                Self.lead("old", submitted: "2026-10-01T09:00:00-06:00"),
                Self.lead("garbled", submitted: "last tuesday"),
            ].joined(separator: "\n") + "\n")
            let outcomes = try await Self.runner(harness).ingest(files: [file], date: Self.day).outcomes
            #expect(outcomes[0].leads == 2 && outcomes[0].rejected == 4, "\(outcomes)")
            let reasons = try await database.rows("SELECT reason FROM rejected_rows ORDER BY line_no").map { try $0.decode(String.self) }
            #expect(reasons.count == 4)
            #expect(reasons[0].contains("year 1 "))
            #expect(reasons[1].contains("year 9999"))
            #expect(reasons[2].contains("after business day 2026-11-24 ends"))
            #expect(reasons[3].hasPrefix("lead_submit_time is not a timestamp"))
            let notes = try await database.rows("SELECT notes FROM source_files")[0].decode([String].self)
            #expect(notes == ["1 lead submitted 3+ days before the business day (first: line 5: submitted 53 days before business day 2026-11-24)"])
            let stored = try await database.rows("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM raw_leads ORDER BY id")
                .map { try $0.decode(String.self) }
            #expect(stored == ["2026-11-24", "2026-10-01"])
        }
    }

    @Test func aYearIsWrittenWithFourDigits() {
        // PostgreSQL reads `1-01-01` as 2001.
        #expect(CopyEncoder.postgresTimestamp(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01 00:00:00+00")
    }

    @Test func aLaterFileReplacingSpendSaysSo() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            let header = "Campaign,Campaign ID,Day,Currency code,Cost,Impr.,Clicks\n"
            let first = try TestFiles.file("spend-a.csv", header + "Plumbing,77,2026-11-24,USD,100.00,10,1\nDrains,78,2026-11-24,USD,50.00,5,1\n")
            let second = try TestFiles.file("spend-b.csv", header + "Plumbing,77,2026-11-24,USD,120.00,12,1\nDrains,78,2026-11-24,USD,50.00,5,1\n")
            let runner = Self.runner(harness)
            #expect(try await runner.ingest(files: [first], date: Self.day).outcomes[0].replacedSpend.isEmpty)
            let outcome = try await runner.ingest(files: [second], date: Self.day).outcomes[0]
            #expect(outcome.replacedSpend == [#"google "Plumbing" 2026-11-24: $100.00 from spend-a.csv → $120.00"#])
            let notes = try await database.rows("SELECT notes FROM source_files WHERE name = 'spend-b.csv'")[0].decode([String].self)
            #expect(notes.count == 1 && notes[0].hasPrefix("replaced the spend of 1 campaign-day loaded before"))
            #expect(try await database.rows("SELECT sum(cost_cents)::bigint FROM campaign_spend")[0].decode(Int64.self) == 17_000)
        }
    }
}
