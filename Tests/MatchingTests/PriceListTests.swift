import LeadModel
import Matching
import Testing

@Suite struct PriceListTests {
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
