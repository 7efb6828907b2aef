import LeadModel
import Matching
import Testing

/// A lead whose buyer's card was declined goes to the next eligible plumber, by the same policy.
@Suite struct ReallocationTests {
    let policy = AllocationPolicy(prices: AllocationPolicyTests.prices, sharedMax: 2, weekday: 2, pricingDigest: "test")
    let lead = LeadToPlace(zip: "60614", service: .leak, urgency: .flexible, createdAt: nil)

    @Test func anExclusiveLeadGoesToTheNextEligiblePlumber() {
        let pool = CandidatePool([
            AllocationPolicyTests.candidate("A", cardFailure: "card_declined: insufficient_funds"), AllocationPolicyTests.candidate("B"),
            AllocationPolicyTests.candidate("C", load: .init(today: 3)),
        ])
        let allocation = policy.reallocate(
            lead, in: pool, holders: ["A"], releasedShare: false, declinedPlumber: "A", reason: "card_declined: insufficient_funds")
        #expect(allocation.sales.map(\.plumberID) == ["B"])
        #expect(allocation.sales.first?.shared == false)
        #expect(allocation.outcome.hasPrefix("card of A declined (card_declined: insufficient_funds); exclusive to B"))
    }

    @Test func aReleasedShareGoesOnlyToAPlumberTakingSharedLeadsAndNeverToAHolder() {
        let pool = CandidatePool([
            AllocationPolicyTests.candidate("A", shared: true, cardFailure: "expired_card"), AllocationPolicyTests.candidate("B", shared: true),
            AllocationPolicyTests.candidate("C"), AllocationPolicyTests.candidate("D", shared: true, load: .init(today: 1)),
        ])
        let allocation = policy.reallocate(lead, in: pool, holders: ["A", "B"], releasedShare: true, declinedPlumber: "A", reason: "expired_card")
        #expect(allocation.sales.map(\.plumberID) == ["D"])
        #expect(allocation.sales.first?.shared == true)
        #expect(allocation.passedOver.contains { $0.hasPrefix("C:") })
    }

    @Test func aShareNobodyElseTakesStaysUnsoldAndSaysSo() {
        let pool = CandidatePool([AllocationPolicyTests.candidate("A", shared: true, cardFailure: "expired_card"), AllocationPolicyTests.candidate("C")])
        let allocation = policy.reallocate(lead, in: pool, holders: ["A"], releasedShare: true, declinedPlumber: "A", reason: "expired_card")
        #expect(allocation.sales.isEmpty)
        #expect(allocation.outcome.hasPrefix("card of A declined (expired_card); the share stays unsold: "))
    }
}
