import Foundation
import LeadModel

/// Decides who gets a lead. Written down so plumbers and ops can check any decision:
///
/// 1. **Eligible**: the plumber's area covers the ZIP, they offer the service, they are active, they
///    have a card on file that has not failed (pay-per-lead plans; a subscription needs its Stripe
///    customer), and the lead keeps them within their daily cap, weekly cap and hard monthly budget —
///    counting the leads already given in this run. The budget is checked at the exclusive price.
/// 2. **Ranked**: for an emergency, plumbers open at the time the person asked come first; then by
///    tier (1 first); then the one furthest below their pace (the share of the weekly cap used against
///    the share of the week gone, or of the daily cap when there is no weekly one); then the least
///    recently served; then the roster id — so the same input always gives the same answer.
/// 3. **Sold**: exclusively to the first, unless it takes shared leads and at least one more eligible
///    plumber does: then shared by up to `sharedMax` of the plumbers taking shared leads, in rank order,
///    each at the shared price.
public struct AllocationPolicy: Sendable {
    /// Bumped whenever the rules above change; stored with each decision with the price list's digest.
    public static let policyVersion = 1

    public var prices: PriceList
    /// At most this many plumbers share a lead; 1 sells every lead exclusively.
    public var sharedMax: Int
    /// The business day's weekday, 1 Monday … 7 Sunday: how much of the week has gone, for pace.
    public var weekday: Int
    /// `policy 1 · pricing 3f2a9c1e · shared ≤ 2`.
    public var ruleVersion: String

    public init(prices: PriceList, sharedMax: Int, weekday: Int, pricingDigest: String) {
        self.prices = prices
        self.sharedMax = max(1, sharedMax)
        self.weekday = min(max(weekday, 1), 7)
        self.ruleVersion = "policy \(Self.policyVersion) · pricing \(pricingDigest) · shared ≤ \(max(1, sharedMax))"
    }

    /// What the lead would cost `candidate`, and how it is billed.
    public func price(_ lead: LeadToPlace, for candidate: Candidate, shared: Bool) -> (Money, SaleBilling) {
        switch candidate.plumber.plan {
        case .payPerLead:
            return (prices.price(service: lead.service, urgency: lead.urgency, plumber: candidate.id, shared: shared), .charge)
        case .subscription(let included, let overage):
            if candidate.load.month < included { return (Money(cents: 0, currency: prices.currency), .included) }
            let cents = shared ? PriceList.scale(overage, prices.sharedPercent) : overage
            return (Money(cents: cents, currency: prices.currency), .overage)
        }
    }

    /// Why `candidate` cannot take the lead at all (nil: they can), checked in the order of rule 1.
    /// `holders` are the plumbers who already had this lead (a reallocation passes them over).
    func obstacle(_ lead: LeadToPlace, _ candidate: Candidate, holders: Set<String>) -> Obstacle? {
        let plumber = candidate.plumber
        if holders.contains(candidate.id) { return .alreadyHadLead }
        if !plumber.services.contains(lead.service) { return .serviceNotOffered(lead.service) }
        if !plumber.active { return .paused }
        let (price, billing) = price(lead, for: candidate, shared: false)
        switch plumber.plan {
        case .payPerLead:
            if plumber.stripeCustomer == nil || plumber.stripePaymentMethod == nil { return .noCardOnFile }
            if let failure = candidate.cardFailure { return .cardFailing(failure) }
        case .subscription:
            if billing == .overage, plumber.stripeCustomer == nil { return .noStripeCustomerForOverage }
        }
        if candidate.load.today >= plumber.dailyCap { return .dailyCapReached(plumber.dailyCap) }
        if let weekly = plumber.weeklyCap, candidate.load.week >= weekly { return .weeklyCapReached(weekly) }
        if let budget = plumber.monthlyBudgetCents, candidate.load.monthSpentCents + price.cents > budget {
            return .budgetWouldBeExceeded(budgetCents: budget, spentCents: candidate.load.monthSpentCents, price: price)
        }
        return nil
    }

    /// The sort key of rule 2; smaller ranks first.
    struct Rank: Comparable {
        var closed: Int
        var tier: Int
        /// used / allowance as a fraction, compared exactly.
        var paceUsed: Int64
        var paceAllowance: Int64
        var lastServed: Int64
        var id: String

        static func < (a: Rank, b: Rank) -> Bool {
            if a.closed != b.closed { return a.closed < b.closed }
            if a.tier != b.tier { return a.tier < b.tier }
            let left = a.paceUsed * b.paceAllowance, right = b.paceUsed * a.paceAllowance
            if left != right { return left < right }
            if a.lastServed != b.lastServed { return a.lastServed < b.lastServed }
            return a.id < b.id
        }

        /// The first rule that put `self` ahead of `other`, in words.
        func edge(over other: Rank) -> String {
            if closed != other.closed { return "open now" }
            if tier != other.tier { return "higher tier" }
            if paceUsed * other.paceAllowance != other.paceUsed * paceAllowance { return "furthest below pace" }
            if lastServed != other.lastServed { return "least recently served" }
            return "lowest roster id"
        }
    }

    func rank(_ lead: LeadToPlace, _ candidate: Candidate) -> Rank {
        let plumber = candidate.plumber
        var closed = 0
        if lead.urgency == .emergency, let asked = lead.createdAt, let zone = TimeZone(identifier: plumber.timeZone) {
            closed = plumber.hours.isOpen(at: asked, in: zone) == true ? 0 : 1
        }
        let used: Int64, allowance: Int64
        if let weekly = plumber.weeklyCap {
            (used, allowance) = (Int64(candidate.load.week) * 7, Int64(weekly) * Int64(weekday))
        } else {
            (used, allowance) = (Int64(candidate.load.today), Int64(max(plumber.dailyCap, 1)))
        }
        return Rank(closed: closed, tier: plumber.tier, paceUsed: used, paceAllowance: allowance, lastServed: candidate.load.lastServed, id: candidate.id)
    }

    func standing(_ lead: LeadToPlace, _ candidate: Candidate, _ rank: Rank) -> String {
        let plumber = candidate.plumber
        var parts = ["tier \(plumber.tier)"]
        if lead.urgency == .emergency, !plumber.hours.text.isEmpty { parts.append(rank.closed == 0 ? "open" : "closed") }
        if let weekly = plumber.weeklyCap { parts.append("\(candidate.load.week)/\(weekly) this week") }
        parts.append("\(candidate.load.today)/\(plumber.dailyCap) today")
        parts.append(candidate.load.lastServed == 0 ? "never served" : "last served #\(candidate.load.lastServed)")
        return "\(candidate.id) (\(parts.joined(separator: ", ")))"
    }

    /// Decides `lead` among the plumbers of `pool`. A reallocation after a declined card passes the plumbers
    /// in `holders` over and fills `slots` places (a released share of a shared lead: 1, shared only).
    public func allocate(_ lead: LeadToPlace, in pool: CandidatePool, holders: Set<String> = [], refill: Refill? = nil) -> Allocation {
        let covering = pool.covering(lead.zip)
        let notCovering = pool.rosterCount - covering.count
        var obstacles: [(id: String, obstacle: Obstacle)] = []
        var open: [(candidate: Candidate, rank: Rank)] = []
        for candidate in covering {
            var obstacle = obstacle(lead, candidate, holders: holders)
            if obstacle == nil, refill?.shared == true, !candidate.plumber.acceptsShared { obstacle = .exclusiveOnly }
            if let obstacle { obstacles.append((candidate.id, obstacle)) } else { open.append((candidate, rank(lead, candidate))) }
        }
        let passedOver = obstacles.map { "\($0.id): \($0.obstacle.text)" }
        open.sort { $0.rank < $1.rank }
        let eligible = open.map { standing(lead, $0.candidate, $0.rank) }
        guard let first = open.first else {
            let (kind, text) = unsoldReason(lead, covering: covering.count, obstacles: obstacles)
            return Allocation(sales: [], outcome: "unsold: \(text)", unsoldKind: kind, eligible: [], passedOver: passedOver, notCovering: notCovering)
        }
        var winners = [first]
        var shared = refill?.shared ?? false
        if let refill {
            winners = Array(open.prefix(refill.slots))
        } else if sharedMax > 1, first.candidate.plumber.acceptsShared {
            let takers = open.filter { $0.candidate.plumber.acceptsShared }.prefix(sharedMax)
            if takers.count > 1 {
                winners = Array(takers)
                shared = true
            }
        }
        let sales = winners.map { winner in
            let (price, billing) = price(lead, for: winner.candidate, shared: shared)
            return Sale(plumberID: winner.candidate.id, price: price, billing: billing, shared: shared)
        }
        let why: String
        if open.count == 1 {
            why = "the only eligible plumber"
        } else if shared, winners.count == open.count {
            why = "every eligible plumber taking shared leads"
        } else {
            let next = open[winners.count]
            why = "\(open.count) eligible; ahead of \(next.candidate.id) by \(winners.last!.rank.edge(over: next.rank))"
        }
        let names = sales.map(\.plumberID).joined(separator: ", ")
        let outcome = shared ? "shared by \(names) (\(why))" : "exclusive to \(names) (\(why))"
        return Allocation(sales: sales, outcome: outcome, unsoldKind: nil, eligible: eligible, passedOver: passedOver, notCovering: notCovering)
    }

    /// A reallocation: how many places to fill and whether they are shares of a shared lead.
    public struct Refill: Sendable, Hashable {
        public var slots: Int
        public var shared: Bool
        public init(slots: Int, shared: Bool) {
            self.slots = slots
            self.shared = shared
        }
    }

    /// The kind (for the report) and the words of an unsold lead's reason.
    func unsoldReason(_ lead: LeadToPlace, covering: Int, obstacles: [(id: String, obstacle: Obstacle)]) -> (UnsoldKind, String) {
        let zip = lead.zip, service = lead.service.rawValue
        if covering == 0 { return (.noCoverage, "no plumber covers ZIP \(zip)") }
        if obstacles.allSatisfy({ if case .serviceNotOffered = $0.obstacle { true } else { false } }) {
            return (.serviceNotOffered, "no plumber covering ZIP \(zip) offers \(service)")
        }
        let offering = obstacles.filter(\.obstacle.offersTheService)
        if offering.isEmpty { return (.declinedNoOneElse, "no other plumber covering ZIP \(zip) offers \(service)") }
        func all(_ test: (Obstacle) -> Bool) -> Bool { offering.allSatisfy { test($0.obstacle) } }
        let kind: UnsoldKind
        if all({ $0 == .paused }) {
            kind = .everyonePaused
        } else if all({ switch $0 { case .dailyCapReached, .weeklyCapReached: true; default: false } }) {
            kind = .everyoneCapped
        } else if all({ if case .budgetWouldBeExceeded = $0 { true } else { false } }) {
            kind = .everyoneOutOfBudget
        } else if all({ switch $0 { case .cardFailing, .noCardOnFile: true; default: false } }) {
            kind = .noCardOnFile
        } else {
            kind = .mixed
        }
        let detail = offering.map { "\($0.id): \($0.obstacle.text)" }.joined(separator: "; ")
        return (kind, "\(kind.rawValue) for \(service) in \(zip): \(detail)")
    }
}
