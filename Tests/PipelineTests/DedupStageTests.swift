import Enrich
import Foundation
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Reports
import Testing

@Suite struct DedupStageTests {
    static let days = [
        ("2026-11-23", [
            GoogleLeadInbox.lead("a1", "Robert Smith", "+1 312 867 2671", "bob.smith@example.com", "1429 W Addison St", "Leak repair", day: "2026-11-23"),
            GoogleLeadInbox.lead("a2", "Carla Nowak", "+1 773 482 3187", "", "88 N Clark St Apt 4", "Drain cleaning", day: "2026-11-23"),
        ]),
        ("2026-11-24", [
            // The same job the next day: nickname, street without suffix, two phone digits swapped, no email.
            GoogleLeadInbox.lead("b1", "Bob Smith", "(312) 867-2617", "", "1429 W Addison", "Leak repair", day: "2026-11-24"),
            // Karla at Carla's address with her own phone: a twin, not a duplicate.
            GoogleLeadInbox.lead("b2", "Karla Nowak", "773-482-3199", "", "88 N Clark St Apt 4", "Drain cleaning", day: "2026-11-24"),
            // Robert again, about his water heater: a new lead, linked to his first.
            GoogleLeadInbox.lead("b3", "Robert Smith", "312.867.2671", "bob.smith@example.com", "1429 W Addison St", "Water heater", day: "2026-11-24"),
            // The water heater again, by email only, name in "Last, First" form.
            GoogleLeadInbox.lead("b4", "Smith, Robert", "(872) 431-6142", "bob.smith@example.com", "", "Water heater", day: "2026-11-24"),
            // A neighbour with Robert's family name two doors down.
            GoogleLeadInbox.lead("b5", "Mary Smith", "(312) 649-2177", "", "1433 W Addison St", "Leak repair", day: "2026-11-24"),
        ]),
    ]

    static func inbox() throws -> URL {
        try GoogleLeadInbox.write("dedup-inbox", days: days)
    }

    /// platform lead id → (status, the platform id it duplicates or is linked to, reason)
    static func decisions(_ database: Database) async throws -> [String: (String, String?, String?, String)] {
        var result: [String: (String, String?, String?, String)] = [:]
        for row in try await database.rows("""
            SELECT r.platform_lead_id, COALESCE(dd.status, 'unique'), dr.platform_lead_id, rr.platform_lead_id, COALESCE(dd.reason, '')
            FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id LEFT JOIN lead_dedup dd ON dd.lead_id = l.id
            LEFT JOIN leads d ON d.id = dd.duplicate_of LEFT JOIN raw_leads dr ON dr.id = d.raw_lead_id
            LEFT JOIN leads rl ON rl.id = dd.related_to LEFT JOIN raw_leads rr ON rr.id = rl.raw_lead_id
            WHERE l.valid
            """) {
            let (id, status, duplicateOf, relatedTo, reason) = try row.decode((String, String, String?, String?, String).self)
            result[id] = (status, duplicateOf, relatedTo, reason)
        }
        return result
    }

    @Test("two days side by side, the later day's dedup first: it waits for the earlier day instead of missing its repeats")
    func theLaterDaysDedupWaitsForTheEarlierDaysEnrich() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let inbox = try Self.inbox()
            var harness = try await PipelineHarness.make(database: database, inbox: inbox.appendingPathComponent("{date}"), chunkSize: 2)
            harness.definition.dedupWaitSeconds = 0
            let earlier = try BusinessDate(parsing: "2026-11-23"), later = try BusinessDate(parsing: "2026-11-24")
            // The bad order: 11-23's exports are in, its enrich has not run, and 11-24 runs.
            let runner = PipelineRunner(
                definition: harness.definition, database: database, services: harness.services, failpoints: .none,
                logger: .init(label: "test"), progress: Progress(enabled: false))
            _ = try await runner.ingest(files: [inbox.appendingPathComponent("2026-11-23/google-leads-2026-11-23.jsonl")], date: earlier)
            do {
                _ = try await harness.run(date: later)
                Issue.record("dedup of 11-24 ran before 11-23 was enriched")
            } catch let error as RunError {
                #expect(error.code == .waiting)
                #expect(error.detail.contains("waits for 2026-11-23 to be enriched"))
            }
            #expect(try await harness.count("lead_dedup") == 0, "nothing was decided")
            #expect(try await harness.count("assignments") == 0, "nothing was sold")

            // 11-23 runs, then 11-24 resumes: the same decisions as in day order.
            _ = try await harness.run(date: earlier)
            _ = try await harness.run(date: later)
            let decided = try await Self.decisions(database)
            #expect(decided["b1"]?.0 == "duplicate" && decided["b1"]?.1 == "a1")
            #expect(decided["b3"]?.0 == "unique" && decided["b3"]?.2 == "a1")
        }
    }

    @Test("after a rotation of the PII key, the next day still finds yesterday's repeats; a changed index key is refused")
    func aRotationKeepsCrossDayDedup() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database, inbox: try Self.inbox().appendingPathComponent("{date}"), chunkSize: 2)
            let first = Data(repeating: 7, count: 32).base64EncodedString()  // the harness's key
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-23"))
            let newKey = PIICipher.generateKey()
            // Rotated the way that used to break dedup: a new key, the old one for reading, nothing else.
            harness.services.cipher = try PIICipher(base64Key: newKey, oldBase64Keys: [first])
            do {
                _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-24"))
                Issue.record("a run with another index key was let through")
            } catch let error as RunError {
                #expect(error.code == .configuration)
                #expect(error.detail.contains("PLUMBERLEADS_INDEX_KEY"))
            }
            #expect(try await harness.count("leads", where: "business_date = '2026-11-24'") == 0)
            // The index key kept apart from the rotation: the repeats are found.
            harness.services.cipher = try PIICipher(base64Key: newKey, oldBase64Keys: [first], indexBase64Key: first)
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-24"))
            let decided = try await Self.decisions(database)
            #expect(decided["b1"]?.0 == "duplicate" && decided["b1"]?.1 == "a1")
            #expect(decided["b4"]?.0 == "duplicate" && decided["b4"]?.1 == "b3")
        }
    }

    @Test func onePersonAndJobAcrossDaysLookAlikesApartNewJobsLinked() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database, inbox: try Self.inbox().appendingPathComponent("{date}"), chunkSize: 2)
            for (day, _) in Self.days { _ = try await harness.run(date: try BusinessDate(parsing: day)) }
            let decided = try await Self.decisions(database)
            #expect(decided.count == 7)
            #expect(decided["a1"]?.0 == "unique" && decided["a2"]?.0 == "unique")
            #expect(decided["b1"]?.0 == "duplicate" && decided["b1"]?.1 == "a1")
            #expect(decided["b1"]?.3 == "same name, same address, phone with two digits transposed as lead \(try await Self.id(database, "a1"))")
            #expect(decided["b2"]?.0 == "unique" && decided["b2"]?.2 == nil)
            #expect(decided["b3"]?.0 == "unique" && decided["b3"]?.2 == "a1")
            #expect(decided["b3"]?.3.contains("another job: water heater, was leak") == true)
            #expect(decided["b4"]?.0 == "duplicate" && decided["b4"]?.1 == "b3")
            #expect(decided["b5"]?.0 == "unique" && decided["b5"]?.2 == nil)
            // Asking before for another job costs a little quality, and says so.
            let reasons = try await database.rows("""
                SELECT l.quality_reasons FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE r.platform_lead_id = 'b3'
                """)[0].decode([String].self)
            #expect(reasons.contains { $0.hasPrefix("asked before for another job") })

            // `plumberleads trace` shows each decision with its evidence, and the silent unique ones too.
            let trace = try #require(try await LeadTraces(database.session).load("b1")).text
            #expect(trace.contains("duplicate of lead \(try await Self.id(database, "a1")): same name, same address, phone with two digits transposed"))
            #expect(trace.contains("google-leads-2026-11-24.jsonl line 1"))
            let quiet = try #require(try await LeadTraces(database.session).load("a2")).text
            #expect(quiet.contains("unique: no earlier lead shares its phone, email, address or name"))
            #expect(try await LeadTraces(database.session).load("no-such-lead") == nil)

            // A dedup resumed half way decides the rest exactly as before.
            try await database.execute("""
                DELETE FROM lead_dedup
                WHERE business_date = '2026-11-24' AND lead_id > (SELECT min(id) + 1 FROM leads WHERE business_date = '2026-11-24')
                """)
            _ = try await harness.run(date: try BusinessDate(parsing: "2026-11-24"), rerun: .dedup)
            let resumed = try await Self.decisions(database)
            #expect(resumed.mapValues { "\($0)" } == decided.mapValues { "\($0)" })
        }
    }

    static func id(_ database: Database, _ platformID: String) async throws -> Int64 {
        try await database.rows("SELECT l.id FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE r.platform_lead_id = \(platformID)")[0].decode(Int64.self)
    }
}
