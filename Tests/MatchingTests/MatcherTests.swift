import LeadModel
import Matching
import Testing

@Suite struct MatcherTests {
    func plumber(_ id: String, zips: [String] = ["60614"], services: [ServiceType] = [.leak], cap: Int = 5, active: Bool = true) -> Plumber {
        Plumber(externalID: id, businessName: id, email: "\(id)@example.com", mobile: "+13125552671", zips: Set(zips), services: Set(services), dailyCap: cap, active: active)
    }

    @Test func fewestLeadsTodayWinsThenLeastRecentlyServedThenId() {
        let matcher = Matcher()
        let loads = [
            PlumberLoad(plumber: plumber("B"), assignedToday: 1, lastServed: 1),
            PlumberLoad(plumber: plumber("A"), assignedToday: 1, lastServed: 5),
            PlumberLoad(plumber: plumber("C"), assignedToday: 2, lastServed: 0),
        ]
        guard case .assigned(let chosen, _) = matcher.decide(zip: "60614", service: .leak, loads: loads) else {
            Issue.record("expected an assignment"); return
        }
        #expect(chosen == "B")
        var tied = loads
        tied[1].lastServed = 1
        guard case .assigned(let byID, _) = matcher.decide(zip: "60614", service: .leak, loads: tied) else { return }
        #expect(byID == "A")
    }

    @Test func rotationSpreadsLeadsEvenly() {
        var loads = ["A", "B", "C"].map { PlumberLoad(plumber: plumber($0, cap: 100), assignedToday: 0, lastServed: 0) }
        var counts: [String: Int] = [:]
        for sequence in 1...30 {
            guard case .assigned(let id, _) = Matcher().decide(zip: "60614", service: .leak, loads: loads) else { return }
            counts[id, default: 0] += 1
            let index = loads.firstIndex { $0.plumber.externalID == id }!
            loads[index].assignedToday += 1
            loads[index].lastServed = Int64(sequence)
        }
        #expect(counts == ["A": 10, "B": 10, "C": 10])
    }

    @Test("unsold leads say why", arguments: [
        ("99999", ServiceType.leak, "no plumber covers ZIP 99999"),
        ("60614", .sewer, "no plumber covering ZIP 60614 offers sewer"),
        ("60615", .leak, "every plumber for leak in 60615 is paused"),
        ("60616", .leak, "all 1 plumber(s) for leak in 60616 reached their daily cap"),
    ])
    func unsold(zip: String, service: ServiceType, reason: String) {
        let loads = [
            PlumberLoad(plumber: plumber("A"), assignedToday: 0, lastServed: 0),
            PlumberLoad(plumber: plumber("P", zips: ["60615"], active: false), assignedToday: 0, lastServed: 0),
            PlumberLoad(plumber: plumber("F", zips: ["60616"], cap: 2), assignedToday: 2, lastServed: 0),
        ]
        #expect(Matcher().decide(zip: zip, service: service, loads: loads) == .unsold(reason: reason))
    }

    @Test func pricesByServiceUrgencySharedShareAndPlumberTerms() {
        let prices = PriceList(
            defaultRow: [.flexible: 3000, .soon: 3000, .emergency: 4000], rows: [.burstPipe: [.emergency: 7000]], sharedPercent: 60,
            overrides: ["PL-1": .init(percent: 85)])
        #expect(prices.price(service: .burstPipe, urgency: .emergency) == Money(cents: 7000))
        #expect(prices.price(service: .toilet, urgency: .flexible) == Money(cents: 3000))
        // Percentages round half up to the cent: 3,333 × 60 % = 1,999.8 → 2,000.
        #expect(PriceList(defaultRow: [.flexible: 3333], sharedPercent: 60).price(service: .leak, urgency: .flexible, shared: true) == Money(cents: 2000))
        #expect(prices.price(service: .burstPipe, urgency: .emergency, plumber: "PL-1", shared: true) == Money(cents: 3570))
    }
}
