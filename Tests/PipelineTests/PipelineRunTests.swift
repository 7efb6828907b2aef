import Billing
import PostgresNIO
import Foundation
import LeadModel
@testable import Pipeline
import Store
import TestSupport
import Testing

@Suite struct PipelineRunTests {
    @Test func wholeDayFlowsAndNoRowIsLost() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            let outcome = try await harness.run()
            #expect(outcome.executed == StageName.allCases)

            // Every row of every file is a lead, a spend row, a rejected row or a repeat of a known lead.
            for row in try await database.rows("SELECT name, rows_read, rows_loaded, rows_rejected, rows_repeated FROM source_files") {
                let (name, read, loaded, rejected, repeated) = try row.decode((String, Int, Int, Int, Int).self)
                #expect(read == loaded + rejected + repeated, "\(name)")
                #expect(read > 0, "\(name)")
            }
            #expect(try await harness.count("source_files", where: "status = 'loaded'") == 7)
            #expect(try await harness.count("rejected_rows") == 3)
            #expect(try await harness.count("raw_lead_sightings") == 4)
            #expect(try await harness.count("leads") == harness.count("raw_leads"))
            #expect(try await harness.count("leads", where: "'test lead' = ANY(problems)") == 1)
            #expect(try await harness.count("lead_dedup", where: "status = 'duplicate'") > 0)
            #expect(try await harness.count("campaign_spend") == 4)
            // The fixtures' phone with an area code nobody has and its Jamaican one: kept, with the reason, not sold.
            let numbering = try await database.rows("""
                SELECT l.problems, l.phone_country, l.phone_time_zone FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id
                WHERE r.platform_lead_id IN ('TeSter-20261124-00201', 'TeSter-20261124-00202') ORDER BY r.platform_lead_id
                """).map { try $0.decode(([String], String?, String?).self) }
            #expect(numbering.map(\.0) == [["area code 969 is not in service"], ["phone in Jamaica (area code 876): outside the regions sold"]])
            #expect(numbering.map(\.1) == [nil, "JM"])
            #expect(numbering.map(\.2) == [nil, "America/Jamaica"])
            #expect(try await harness.count("leads", where: "valid AND phone_country = 'US' AND phone_time_zone IS NOT NULL") == harness.count("leads", where: "valid"))

            // Billing: one charge per assignment, all through the ledger journal once.
            let assignments = try await harness.count("assignments")
            #expect(assignments > 0)
            #expect(try await harness.count("charges", where: "status = 'succeeded'") == assignments)
            let journal = try LedgerOnlyProvider.keysForTest(harness.home)
            let billed = try await harness.count("charges", where: "method <> 'included'")
            #expect(billed > 0 && billed < assignments, "subscription leads within the plan are included, not billed")
            #expect(journal.count == billed && Set(journal).count == billed)

            // Caps, budgets and pauses are respected.
            #expect(try await harness.count("(\(RosterLimits.violations)) x") == 0)

            // One digest per plumber with charges, one SMS per emergency lead; files match the outbox rows.
            let plumbersCharged = try await harness.count("(SELECT DISTINCT plumber_id FROM charges) x")
            #expect(try await harness.count("notifications", where: "channel = 'email' AND status = 'sent' AND plumber_id IS NOT NULL") == plumbersCharged)
            let emails = try FileManager.default.contentsOfDirectory(atPath: harness.home.appendingPathComponent("outbox/emails").path)
                .filter { $0.hasPrefix("digest-") }
            #expect(emails.count == plumbersCharged)
            // Each lead in a digest shows its quality score.
            let firstEmail = try String(contentsOf: harness.home.appendingPathComponent("outbox/emails/\(emails.sorted()[0])"), encoding: .utf8)
            let textPart = firstEmail.components(separatedBy: "Content-Transfer-Encoding: base64")[1]
                .components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "--")[0].filter { !$0.isWhitespace }
            let text = String(decoding: Data(base64Encoded: textPart) ?? Data(), as: UTF8.self)
            #expect(text.contains("quality ") && text.contains("/100"), "\(text.prefix(300))")
            let sms = try String(contentsOf: harness.home.appendingPathComponent("outbox/sms.jsonl"), encoding: .utf8).split(separator: "\n")
            #expect(sms.count == (try await harness.count("notifications", where: "channel = 'sms' AND status = 'sent'")))

            // The report exists and names every campaign.
            let csv = try String(contentsOf: harness.home.appendingPathComponent("reports/2026-11-24/campaigns.csv"), encoding: .utf8)
            #expect(csv.split(separator: "\r\n").count == 5)
            #expect(csv.contains("Plumbing - Chicago Search"))

            // The run is recorded with counts.
            let history = try await RunLedger(database: database).history(limit: 5)
            #expect(history.first?.status == "done")
            #expect(history.first?.stages.first { $0.stage == "ingest" }?.rowsIn == 318)
        }
    }

    @Test func aSecondRunChangesNothingAndRerunRedoesTheTail() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run()
            let before = try await harness.tableCounts()
            let again = try await harness.run()
            #expect(again.executed.isEmpty)
            #expect(try await harness.tableCounts() == before)
            let rerun = try await harness.run(rerun: .bill)
            #expect(rerun.executed == [.bill, .notify, .report])
            #expect(try await harness.tableCounts() == before)
            let full = try await harness.run(rerun: .ingest)
            #expect(full.executed == StageName.allCases)
            #expect(try await harness.tableCounts() == before)
        }
    }

    @Test func aLockedPartitionIsRefused() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run()
            // Another worker holds the run's lock on its own connection.
            let url = try await TestDatabase.shared.urlOf(database)
            let other = try await Database.connect(url, logger: database.logger)
            #expect(try await RunLedger(database: other).tryLock(pipeline: "daily", date: PipelineHarness.date))
            do {
                _ = try await harness.run(rerun: .report)
                Issue.record("the run should have been refused")
            } catch let error as RunError {
                #expect(error.code == .locked)
            }
            // The refused attempt changed nothing.
            let last = try await RunLedger(database: database).history(limit: 1).first
            #expect(last?.status == "done")
            #expect(last?.attempts == 1)
            try await RunLedger(database: other).unlock(pipeline: "daily", date: PipelineHarness.date)
            #expect(try await harness.run(rerun: .report).executed == [.report])
            try await other.close()
        }
    }

    /// The direct COPY path: repeats inside a file and leads known from an earlier file are stored once,
    /// their sightings recorded, rejected rows kept, and every row accounted for.
    @Test func repeatsWithinAndAcrossFilesAreStoredOnce() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let inbox = try TestFiles.folder("inbox")
            let header = "id\tcreated_time\tcampaign_name\tfull_name\tphone_number\tzip_code\n"
            func row(_ id: String, _ name: String) -> String { "l:\(id)\t2026-11-24T08:00:00-06:00\tSearch\t\(name)\tp:+13125550\(id)\tz:60614\n" }
            try Data((header + row("101", "Ann Lee") + row("102", "Bo Chan") + row("102", "Bo Chan") + "l:103\ttruncated\n").utf8)
                .write(to: inbox.appendingPathComponent("a.tsv"))
            try Data((header + row("101", "Ann Lee") + row("104", "Cy Diaz")).utf8).write(to: inbox.appendingPathComponent("b.tsv"))
            let harness = try await PipelineHarness.make(database: database, inbox: inbox)
            _ = try await harness.run()
            let files = try await database.rows("SELECT name, rows_read, rows_loaded, rows_rejected, rows_repeated FROM source_files ORDER BY name")
                .map { try $0.decode((String, Int, Int, Int, Int).self) }
            #expect(files.map { [$0.1, $0.2, $0.3, $0.4] } == [[4, 2, 1, 1], [2, 1, 0, 1]])
            #expect(try await harness.count("raw_leads") == 3)
            #expect(try await harness.count("raw_lead_sightings") == 2)
            #expect(try await harness.count("rejected_rows") == 1)
            #expect(try await harness.count("raw_leads", where: "platform_lead_id = '101' AND source_file_id = (SELECT id FROM source_files WHERE name = 'a.tsv')") == 1)
        }
    }

    @Test func badAndRepeatedFilesDoNotStopTheBatch() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let inbox = try TestFiles.folder("inbox")
            let fixtures = TestFiles.repositoryRoot.appendingPathComponent("fixtures/inbox/2026-11-24")
            let meta = fixtures.appendingPathComponent("meta-leads-2026-11-24.csv")
            try FileManager.default.copyItem(at: meta, to: inbox.appendingPathComponent("a-meta.csv"))
            try FileManager.default.copyItem(at: meta, to: inbox.appendingPathComponent("b-same-file-other-name.tsv"))
            try Data().write(to: inbox.appendingPathComponent("c-empty.csv"))
            try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]).write(to: inbox.appendingPathComponent("d-archive.zip"))
            try Data("id,created_time\n".utf8).write(to: inbox.appendingPathComponent("e-header-only.csv"))
            let harness = try await PipelineHarness.make(database: database, inbox: inbox)
            _ = try await harness.run()
            let files = try await database.rows("SELECT name, status, COALESCE(error, '') FROM source_files ORDER BY name").map {
                try $0.decode((String, String, String).self)
            }
            #expect(files.map(\.0) == ["a-meta.csv", "c-empty.csv", "d-archive.zip", "e-header-only.csv"])
            #expect(files[1].1 == "failed" && files[1].2.contains("empty_file"))
            #expect(files[2].1 == "failed" && files[2].2.contains("binary_file"))
            #expect(files[3].1 == "loaded")
            #expect(try await harness.count("raw_leads") == 180)
            let summary = try await DaySummaries(database.session).load(date: PipelineHarness.date)
            #expect(summary.failedFiles.count == 2)
            #expect(summary.files == 2)
        }
    }
}

extension LedgerOnlyProvider {
    static func keysForTest(_ home: URL) throws -> [String] {
        let journal = home.appendingPathComponent("ledger/payments.jsonl")
        return try keys(in: journal, kind: "charge") + keys(in: journal, kind: "usage")
    }
}
