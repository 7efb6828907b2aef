import Foundation
import LeadModel

/// A made-up national roster for benchmarks: plumbers spread over the ZIPs leads come from, each with the
/// rules a real roster has — a radius around a base ZIP, some services, caps, budgets, plans, shared or
/// exclusive leads, tiers and a card on file — drawn from a seed, so every run gets the same roster.
public struct SyntheticRoster: Sendable {
    public var count: Int
    public var seed: UInt64

    public init(count: Int, seed: UInt64 = 11) {
        self.count = count
        self.seed = seed
    }

    /// `count` plumbers based on ZIPs drawn from `baseZIPs`.
    public func plumbers(baseZIPs: [String]) -> [Plumber] {
        precondition(!baseZIPs.isEmpty, "a roster needs ZIPs to be based in")
        var random = SeededGenerator(seed: seed)
        let services = ServiceType.allCases
        return (1...max(count, 1)).map { number in
            let id = String(format: "PL-%06d", number)
            let daily = Int.random(in: 20...80, using: &random)
            let offered = Set(services.shuffled(using: &random).prefix(Int.random(in: 3...services.count, using: &random)))
            let plan: Plumber.Plan = Int.random(in: 0..<5, using: &random) == 0
                ? .subscription(included: Int.random(in: 20...100, using: &random), overageCents: 3000) : .payPerLead
            return Plumber(
                externalID: id, businessName: "Synthetic Plumbing \(number)", email: "dispatch\(number)@plumbing.example.com",
                mobile: "+1312555" + String(1000 + number % 9000), zips: [],
                baseZIP: baseZIPs[Int.random(in: 0..<baseZIPs.count, using: &random)], radiusMiles: Int.random(in: 8...30, using: &random),
                services: offered, hours: .notStated, timeZone: "America/Chicago", dailyCap: daily,
                weeklyCap: Bool.random(using: &random) ? daily * 5 : nil,
                monthlyBudgetCents: Bool.random(using: &random) ? Int64.random(in: 2_000...20_000, using: &random) * 100 : nil,
                plan: plan, acceptsShared: Bool.random(using: &random), tier: Int.random(in: 1...2, using: &random), active: true,
                stripeCustomer: "cus_bench\(number)", stripePaymentMethod: "pm_card_visa")
        }
    }
}

