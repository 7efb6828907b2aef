import Foundation
import LeadModel
import Matching
import Testing

@Suite struct AllocationPolicyTests {
    static let prices = PriceList(defaultRow: [.flexible: 4000, .soon: 4000, .emergency: 6000], sharedPercent: 60)
    /// Tuesday 2026-11-24: two days of the week gone.
    let policy = AllocationPolicy(prices: prices, sharedMax: 1, weekday: 2, pricingDigest: "test")
    let lead = LeadToPlace(zip: "60614", service: .leak, urgency: .flexible, createdAt: nil)

    static func candidate(
        _ id: String, zips: [String] = ["60614"], services: [ServiceType] = [.leak], cap: Int = 5, weekly: Int? = nil, budget: Int64? = nil,
        plan: Plumber.Plan = .payPerLead, shared: Bool = false, tier: Int = 1, active: Bool = true, card: Bool = true, hours: String = "",
        load: PlumberLoad = PlumberLoad(), cardFailure: String? = nil
    ) -> Candidate {
        let plumber = Plumber(
            externalID: id, businessName: id, email: "\(id)@example.com", mobile: "+13125552671", zips: Set(zips), services: Set(services),
            hours: try! BusinessHours(parsing: hours), dailyCap: cap, weeklyCap: weekly, monthlyBudgetCents: budget, plan: plan,
            acceptsShared: shared, tier: tier, active: active, stripeCustomer: "cus_\(id)", stripePaymentMethod: card ? "pm_card_visa" : nil)
        return Candidate(plumber: plumber, coveredZIPs: Set(zips), cardFailure: cardFailure, load: load)
    }

    func winners(_ allocation: Allocation) -> [String] { allocation.sales.map(\.plumberID) }

    @Test func tierThenPaceThenLeastRecentlyServedThenRosterID() {
        // Tier beats everything after it.
        #expect(winners(policy.allocate(lead, in: [Self.candidate("A", tier: 2, load: .init()), Self.candidate("B", tier: 1, load: .init(today: 4, lastServed: 9))])) == ["B"])
        // Pace: A used 2 of 10 today, B 1 of 5 — equal shares — so least recently served decides.
        let equalPace = policy.allocate(lead, in: [Self.candidate("A", cap: 10, load: .init(today: 2, lastServed: 7)), Self.candidate("B", load: .init(today: 1, lastServed: 3))])
        #expect(winners(equalPace) == ["B"])
        #expect(equalPace.outcome.contains("least recently served"))
        // Furthest below pace: a weekly 20 by Tuesday allows 40/7 ≈ 5.7; A has 5 (88 %), B 3 of a daily 5 (60 %).
        let pace = policy.allocate(lead, in: [Self.candidate("A", cap: 10, weekly: 20, load: .init(today: 1, week: 5)), Self.candidate("B", load: .init(today: 3))])
        #expect(winners(pace) == ["B"])
        #expect(pace.outcome.contains("furthest below pace"))
        // A full tie falls to the roster id, whatever order the roster comes in.
        let tied = [Self.candidate("B"), Self.candidate("C"), Self.candidate("A")]
        for order in [tied, tied.reversed(), [tied[2], tied[0], tied[1]]] {
            #expect(winners(policy.allocate(lead, in: CandidatePool(order))) == ["A"])
        }
    }

    @Test func emergenciesGoFirstToPlumbersOpenWhenThePersonAsked() throws {
        // 2026-11-24 03:00 in Chicago: a Tuesday night.
        let night = try #require(ISO8601DateFormatter().date(from: "2026-11-24T09:00:00Z"))
        let burst = LeadToPlace(zip: "60614", service: .leak, urgency: .emergency, createdAt: night)
        let day = Self.candidate("A", hours: "mon-fri 08:00-17:00"), always = Self.candidate("Z", hours: "24/7")
        let allocation = policy.allocate(burst, in: [day, always])
        #expect(winners(allocation) == ["Z"])
        #expect(allocation.outcome.contains("open now"))
        // Not an emergency: opening hours do not matter.
        #expect(winners(policy.allocate(lead, in: [day, always])) == ["A"])
    }

    @Test func eachRuleOfEligibilityPassesAPlumberOverWithTheReason() {
        let allocation = policy.allocate(lead, in: [
            Self.candidate("CAP", cap: 2, load: .init(today: 2)),
            Self.candidate("WEEK", weekly: 6, load: .init(week: 6)),
            Self.candidate("BUDGET", budget: 10000, load: .init(monthSpentCents: 7000)),
            Self.candidate("NOCARD", card: false),
            Self.candidate("FAILING", cardFailure: "card_declined: insufficient_funds"),
            Self.candidate("PAUSED", active: false),
            Self.candidate("SEWER", services: [.sewer]),
            Self.candidate("FAR", zips: ["60601"]),
            Self.candidate("OK"),
        ])
        #expect(winners(allocation) == ["OK"])
        #expect(allocation.notCovering == 1)
        #expect(Set(allocation.passedOver) == [
            "CAP: daily cap 2 reached", "WEEK: weekly cap 6 reached",
            "BUDGET: monthly budget $100.00 would be exceeded ($70.00 spent, lead $40.00)", "NOCARD: no card on file",
            "FAILING: card failing (card_declined: insufficient_funds)", "PAUSED: paused", "SEWER: does not offer leak",
        ])
        #expect(allocation.eligible == ["OK (tier 1, 0/5 today, never served)"])
    }

    @Test("unsold leads say why", arguments: [
        ("99999", ServiceType.leak, "no coverage"),
        ("60614", .sewer, "service not offered"),
        ("60615", .leak, "everyone paused"),
        ("60616", .leak, "everyone capped"),
        ("60617", .leak, "everyone out of budget"),
        ("60618", .leak, "no card on file"),
    ])
    func unsold(zip: String, service: ServiceType, kind: String) {
        let candidates = [
            Self.candidate("A"), Self.candidate("P", zips: ["60615"], active: false), Self.candidate("F", zips: ["60616"], cap: 2, load: .init(today: 2)),
            Self.candidate("W", zips: ["60616"], weekly: 3, load: .init(week: 3)), Self.candidate("B", zips: ["60617"], budget: 3000), Self.candidate("N", zips: ["60618"], card: false),
        ]
        let allocation = policy.allocate(LeadToPlace(zip: zip, service: service, urgency: .soon, createdAt: nil), in: CandidatePool(candidates))
        #expect(allocation.sales.isEmpty)
        #expect(allocation.unsoldKind?.rawValue == kind)
        #expect(allocation.outcome.hasPrefix("unsold: "))
    }

    @Test func sharedLeadsGoToUpToKPlumbersTakingSharedLeadsAtTheSharedPrice() {
        let shared = AllocationPolicy(prices: Self.prices, sharedMax: 2, weekday: 2, pricingDigest: "test")
        let three = shared.allocate(lead, in: [Self.candidate("A", shared: true), Self.candidate("B", shared: true), Self.candidate("C", shared: true, load: .init(lastServed: 5))])
        #expect(three.sales == [
            Sale(plumberID: "A", price: Money(cents: 2400), billing: .charge, shared: true),
            Sale(plumberID: "B", price: Money(cents: 2400), billing: .charge, shared: true),
        ])
        #expect(three.outcome.hasPrefix("shared by A, B"))
        // The first-ranked plumber takes exclusive leads only: it is theirs alone, at the full price.
        let exclusiveFirst = shared.allocate(lead, in: [Self.candidate("A"), Self.candidate("B", shared: true), Self.candidate("C", shared: true)])
        #expect(exclusiveFirst.sales == [Sale(plumberID: "A", price: Money(cents: 4000), billing: .charge, shared: false)])
        // Only one plumber takes shared leads: sold exclusively.
        #expect(shared.allocate(lead, in: [Self.candidate("A", shared: true), Self.candidate("B")]).sales.map(\.shared) == [false])
    }

    @Test func subscriptionsUseTheirIncludedLeadsThenPayOverage() {
        let plan = Plumber.Plan.subscription(included: 2, overageCents: 2500)
        #expect(policy.allocate(lead, in: [Self.candidate("S", plan: plan, card: false, load: .init(month: 1))]).sales
            == [Sale(plumberID: "S", price: Money(cents: 0), billing: .included, shared: false)])
        #expect(policy.allocate(lead, in: [Self.candidate("S", plan: plan, load: .init(month: 2))]).sales
            == [Sale(plumberID: "S", price: Money(cents: 2500), billing: .overage, shared: false)])
        // The budget counts overage like charges.
        #expect(policy.allocate(lead, in: [Self.candidate("S", budget: 5000, plan: plan, load: .init(month: 4, monthSpentCents: 5000))]).unsoldKind?.rawValue
            == "everyone out of budget")
    }

    @Test func aDayOfLeadsNeverExceedsAnyCapOrBudget() {
        let shared = AllocationPolicy(prices: Self.prices, sharedMax: 2, weekday: 3, pricingDigest: "test")
        var candidates = [
            Self.candidate("A", cap: 30, weekly: 40, shared: true, load: .init(week: 25)),
            Self.candidate("B", cap: 12, budget: 30000, shared: true, load: .init(monthSpentCents: 10000)),
            Self.candidate("C", cap: 9),
            Self.candidate("D", cap: 50, plan: .subscription(included: 5, overageCents: 3000), tier: 2),
        ]
        var sequence: Int64 = 1
        var unsold = 0
        for _ in 0..<200 {
            let allocation = shared.allocate(lead, in: CandidatePool(candidates))
            for sale in allocation.sales {
                let index = candidates.firstIndex { $0.id == sale.plumberID }!
                candidates[index].load.add(cents: sale.price.cents, sequence: sequence)
                sequence += 1
            }
            unsold += allocation.sales.isEmpty ? 1 : 0
        }
        for candidate in candidates {
            #expect(candidate.load.today <= candidate.plumber.dailyCap)
            if let weekly = candidate.plumber.weeklyCap { #expect(candidate.load.week <= weekly) }
            if let budget = candidate.plumber.monthlyBudgetCents { #expect(candidate.load.monthSpentCents <= budget) }
        }
        // A: 15 more this week; B: until less than an exclusive lead's $40.00 of budget is left; C: its 9; D (tier 2): its 50.
        #expect(candidates.map(\.load.today) == [15, candidates[1].load.today, 9, 50])
        #expect(30000 - candidates[1].load.monthSpentCents < 4000)
        #expect(unsold > 0)
    }

    @Test func aPoolOffersOnlyThePlumbersCoveringTheAddressAndCountsWhatItSells() {
        var pool = CandidatePool([
            Self.candidate("A", zips: ["60614", "60613"]), Self.candidate("B", zips: ["60657"]), Self.candidate("C", zips: ["60614"]),
        ])
        #expect(pool.covering("60614").map(\.id) == ["A", "C"])
        #expect(pool.covering("99999").isEmpty)
        let allocation = policy.allocate(lead, in: pool)
        #expect(winners(allocation) == ["A"] && allocation.notCovering == 1)
        pool.record(allocation.sales[0], sequence: 9)
        #expect(pool.candidates.first { $0.id == "A" }?.load == PlumberLoad(today: 1, week: 1, month: 1, monthSpentCents: 4000, lastServed: 9))
        // A served, C not yet: C is next.
        #expect(winners(policy.allocate(lead, in: pool)) == ["C"])
        // A pool of the covering plumbers only still counts the rest of the roster as not covering.
        let partial = CandidatePool([Self.candidate("A"), Self.candidate("C")], rosterCount: 40)
        #expect(policy.allocate(lead, in: partial).notCovering == 38)
    }
}
