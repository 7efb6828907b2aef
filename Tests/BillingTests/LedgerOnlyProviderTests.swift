import Billing
import Foundation
import LeadModel
import Testing

@Suite struct LedgerOnlyProviderTests {
    func journal() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)/payments.jsonl")
    }

    func request(_ key: String, cents: Int64 = 4500) -> ChargeRequest {
        ChargeRequest(idempotencyKey: key, customer: "PL-1", amount: Money(cents: cents), description: "lead", metadata: ["lead_id": "1"])
    }

    @Test func sameKeyReturnsTheFirstOutcomeWithoutChargingAgain() async throws {
        let url = journal()
        let first = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        // A new process (a replay after a crash) sees the journal and answers the same.
        let again = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        #expect(first == again)
        #expect(try LedgerOnlyProvider.keys(in: url) == ["k1"])
    }

    @Test func reusedKeyWithOtherParametersIsRefused() async throws {
        let provider = LedgerOnlyProvider(journal: journal())
        _ = try await provider.charge(request("k1"))
        await #expect(throws: LedgerError.self) { try await provider.charge(request("k1", cents: 1)) }
    }

    @Test func tornLastLineFromACrashIsDropped() async throws {
        let url = journal()
        _ = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"key\":\"k2\",\"cus".utf8))
        try handle.close()
        _ = try await LedgerOnlyProvider(journal: url).charge(request("k2"))
        #expect(try LedgerOnlyProvider.keys(in: url) == ["k1", "k2"])
    }
}
