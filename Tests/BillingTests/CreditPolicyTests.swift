import Billing
import LeadModel
import Testing

/// Which sales the system credits by itself, and in which words.
@Suite struct CreditPolicyTests {
    let day = try! BusinessDate(parsing: "2026-11-24")
    let earlier = try! BusinessDate(parsing: "2026-11-23")

    func evidence(_ assignment: Int64, _ finding: CreditEvidence.Finding, method: ChargeMethod = .paymentIntent, cents: Int64 = 4500) -> CreditEvidence {
        CreditEvidence(assignmentID: assignment, plumberID: 7, charged: Money(cents: cents), method: method, finding: finding)
    }

    @Test func aDuplicatePurchaseIsCreditedInFullWithItsReason() {
        let credits = CreditPolicy.automaticCredits([evidence(17, .duplicate(lead: 30, sameJobAs: 12, boughtOn: earlier, foundBy: 41))])
        #expect(credits == [NewCredit(
            assignmentID: 17, plumberID: 7, source: .automatic, reasonCode: "duplicate",
            reason: "lead 30 turned out to be the same job as lead 12, which you bought on 2026-11-23 (lead 41 matched both)",
            amount: Money(cents: 4500), key: .credit(assignment: 17), settledAtOnce: false)])
        let direct = CreditPolicy.automaticCredits([evidence(18, .duplicate(lead: 31, sameJobAs: 12, boughtOn: earlier, foundBy: nil))])
        #expect(direct.first?.reason == "lead 31 turned out to be the same job as lead 12, which you bought on 2026-11-23")
    }

    @Test func aMistypedPhoneIsCreditedAsAnInvalidPhone() {
        let credits = CreditPolicy.automaticCredits([evidence(5, .mistypedPhone(lead: 9, askedAgainOn: day, laterLead: 44, match: "phone one digit off"))])
        #expect(credits.map(\.reasonCode) == ["invalid_phone"])
        #expect(credits.first?.reason == "the phone of lead 9 looks mistyped: the same person asked again on 2026-11-24 with a corrected number (lead 44: phone one digit off)")
    }

    @Test func oneCreditPerSaleAndTheDuplicateIsTheReasonGiven() {
        let credits = CreditPolicy.automaticCredits([
            evidence(3, .mistypedPhone(lead: 9, askedAgainOn: day, laterLead: 44, match: "m")),
            evidence(3, .duplicate(lead: 9, sameJobAs: 2, boughtOn: earlier, foundBy: nil)),
            evidence(3, .mistypedPhone(lead: 9, askedAgainOn: day, laterLead: 45, match: "m")),
            evidence(1, .mistypedPhone(lead: 8, askedAgainOn: day, laterLead: 46, match: "m")),
        ])
        #expect(credits.map(\.assignmentID) == [1, 3])
        #expect(credits.map(\.reasonCode) == ["invalid_phone", "duplicate"])
    }

    @Test func onlyMoneyThatMovedNeedsSettling() {
        #expect(CreditPolicy.settlesAtOnce(method: .included, amount: Money(cents: 4500)))
        #expect(CreditPolicy.settlesAtOnce(method: .paymentIntent, amount: Money(cents: 0)))
        #expect(!CreditPolicy.settlesAtOnce(method: .paymentIntent, amount: Money(cents: 1)))
        #expect(!CreditPolicy.settlesAtOnce(method: .meterEvent, amount: Money(cents: 4500)))
        let included = CreditPolicy.automaticCredits([evidence(2, .duplicate(lead: 1, sameJobAs: 0, boughtOn: earlier, foundBy: nil), method: .included)])
        #expect(included.first?.settledAtOnce == true)
        #expect(CreditPolicy.automaticCredits([]).isEmpty)
    }
}
