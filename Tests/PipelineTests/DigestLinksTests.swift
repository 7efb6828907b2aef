import Foundation
import LeadModel
import Notify
@testable import Pipeline
import PostgresNIO
import SignedLinks
import Store
import TestSupport
import Testing

/// The links a digest writes are the ones the report server will verify, and a pipeline that cannot
/// send a lawful digest says so.
@Suite struct DigestLinksTests {
    @Test func eachLeadsLinksVerifyForItsOwnSaleOnly() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            _ = try await harness.run()
            let folder = harness.home.appendingPathComponent("outbox/emails")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasPrefix("digest-") })
            let message = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let header = try #require(message.components(separatedBy: "\r\n").first { $0.hasPrefix("List-Unsubscribe: <") })
            let unsubscribe = try #require(URL(string: String(header.dropFirst("List-Unsubscribe: <".count).dropLast())))
            let signer = LinkSigner(key: harness.services.cipher.linkKey, base: try #require(harness.definition.publicURL))
            let verified = try signer.verify(unsubscribe, now: harness.services.clock()).get()
            #expect(verified.action == .unsubscribe)
            let plumber = try await database.rows("SELECT plumber_id FROM notifications WHERE idempotency_key = \(String(file.dropLast(4)))")
            #expect(try plumber.first?.decode(Int64.self) == verified.subject)
        }
    }

    @Test func anUnsubscribedPlumberGetsNoDigestButKeepsTheLeads() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            let repository = PlumberRepository(database: database, cipher: harness.services.cipher)
            #expect(try await repository.setDigestsUnsubscribed("PL-0001", true))
            #expect(try await repository.setDigestsUnsubscribed("PL-404", true) == false)
            _ = try await harness.run()
            let pl1 = "notifications n JOIN plumbers p ON p.id = n.plumber_id"
            #expect(try await harness.count(pl1, where: "p.external_id = 'PL-0001' AND n.channel = 'email'") == 0)
            #expect(try await harness.count("charges c JOIN plumbers p ON p.id = c.plumber_id", where: "p.external_id = 'PL-0001' AND c.status = 'succeeded'") > 0)
            #expect(try await harness.count(pl1, where: "p.external_id = 'PL-0002' AND n.channel = 'email'") == 1)
            #expect(try await repository.all().first { $0.plumber.externalID == "PL-0001" }?.digestsUnsubscribedAt != nil)
        }
    }

    @Test func withoutThePostalAddressNoDigestGoesOut() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            var harness = try await PipelineHarness.make(database: database)
            harness.definition.senderPostalAddress = nil
            await #expect { _ = try await harness.run() } throws: { ($0 as? RunError)?.code == .configuration }
            #expect(try await harness.count("notifications", where: "status = 'sent'") == 0)
        }
    }
}
