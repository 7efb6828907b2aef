import Billing
import Foundation
import LeadModel
import Testing

@Suite struct LedgerOnlyProviderTests {
    func journal() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)/payments.jsonl")
    }

    func request(_ key: String, cents: Int64 = 4500, card: String = "pm_card_visa", assignment: String = "1") -> ChargeRequest {
        ChargeRequest(
            idempotencyKey: key, customer: "cus_1", paymentMethod: card, amount: Money(cents: cents), description: "lead",
            metadata: ["lead_id": "1", "assignment_id": assignment])
    }

    @Test func sameKeyReturnsTheFirstOutcomeWithoutChargingAgain() async throws {
        let url = journal()
        let first = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        // A new process (a replay after a crash) sees the journal and answers the same.
        let again = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        #expect(first == again)
        #expect(try LedgerOnlyProvider.keys(in: url) == ["k1"])
    }

    @Test func everyChargeHasItsOwnReferenceWhicheverProcessMadeIt() async throws {
        let url = journal()
        // Each run is a new process with a new provider: references must not restart at 1.
        var references: [String] = []
        for key in ["charge-2026-11-23-a1", "charge-2026-11-24-a9", "charge-2026-11-24-a434"] {
            guard case .succeeded(let reference) = try await LedgerOnlyProvider(journal: url).charge(request(key)) else {
                Issue.record("declined")
                return
            }
            references.append(reference)
        }
        #expect(Set(references).count == 3, "\(references)")
    }

    @Test func theJournalIsPrivate() async throws {
        let url = journal()
        _ = try await LedgerOnlyProvider(journal: url).charge(request("k1"))
        func mode(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int }
        #expect(try mode(url.path) == 0o600)
        #expect(try mode(url.deletingLastPathComponent().path) == 0o700)
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

    @Test func stripesFailingTestCardsDeclineAsInStripeTestMode() async throws {
        let provider = LedgerOnlyProvider(journal: journal())
        let declined = try await provider.charge(request("k1", card: "pm_card_chargeDeclinedInsufficientFunds"))
        #expect(declined == .declined(reference: "ledger_k1", reason: "card_declined: insufficient_funds"))
        let authentication = try await provider.charge(request("k2", card: "pm_card_authenticationRequired", assignment: "2"))
        #expect(authentication == .declined(reference: "ledger_k2", reason: "authentication_required"))
        #expect(try await provider.findCharge(assignmentID: "2") == authentication)
        #expect(try await provider.findCharge(assignmentID: "3") == nil)
    }

    @Test func usageAndRefundsAreJournalledOncePerKey() async throws {
        let url = journal()
        let provider = LedgerOnlyProvider(journal: url)
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let first = try await provider.reportUsage(UsageEvent(identifier: "u1", customer: "cus_1", timestamp: at))
        #expect(try await provider.reportUsage(UsageEvent(identifier: "u1", customer: "cus_1", timestamp: at.addingTimeInterval(60))) == first)
        let refund = RefundRequest(idempotencyKey: "r1", chargeReference: "ledger_9", amount: Money(cents: 4500), metadata: [:])
        #expect(try await provider.refund(refund) == provider.refund(refund))
        #expect(try LedgerOnlyProvider.keys(in: url, kind: "usage") == ["u1"])
        #expect(try LedgerOnlyProvider.keys(in: url, kind: "refund") == ["r1"])
    }
}
