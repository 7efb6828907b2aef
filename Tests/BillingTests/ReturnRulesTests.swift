import Billing
import LeadModel
import Testing

/// Judging a plumber's return request by the written rules.
@Suite struct ReturnRulesTests {
    let rules = ReturnRules(reasons: ["wrong_number": "the phone number does not work", "duplicate": "I already had this job"], windowDays: 7,
                            maxReturnRatePercent: 20, rateDays: 30)

    func standing(age: Int = 1, bought: Int = 50, returned: Int = 0, credited: String? = nil) -> ReturnRules.Standing {
        ReturnRules.Standing(age: age, bought: bought, returned: returned, alreadyCredited: credited)
    }

    @Test func aReturnableReasonInTheWindowIsAccepted() {
        #expect(rules.refusal(reasonCode: "wrong_number", standing: standing()) == nil)
        #expect(rules.refusal(reasonCode: "wrong_number", standing: standing(age: 7)) == nil)
    }

    @Test func eachRuleRefusesWithItsReason() {
        #expect(rules.refusal(reasonCode: "too_far", standing: standing()) == "reason code too_far is not returnable (returnable: duplicate, wrong_number)")
        #expect(rules.refusal(reasonCode: "duplicate", standing: standing(credited: "duplicate of lead 4")) == "already credited: duplicate of lead 4")
        #expect(rules.refusal(reasonCode: "duplicate", standing: standing(age: 8)) == "returned 8 days after the lead; the window is 7 days")
        // 10 of 50 already returned: one more would be 22 %, over the 20 % ceiling.
        #expect(rules.refusal(reasonCode: "duplicate", standing: standing(returned: 10))
            == "return rate would be 22 % of the 50 leads bought in 30 days (ceiling 20 %): for ops to review")
        #expect(rules.refusal(reasonCode: "duplicate", standing: standing(returned: 9)) == nil)
        #expect(rules.refusal(reasonCode: "duplicate", standing: standing(bought: 0))?.hasPrefix("return rate would be 100 %") == true)
    }

    @Test func anAcceptedReturnGivesTheWholeChargeBackInItsWords() {
        let credit = rules.credit(assignment: 17, plumber: 3, reasonCode: "wrong_number", charged: Money(cents: 6500), method: .paymentIntent)
        #expect(credit == NewCredit(
            assignmentID: 17, plumberID: 3, source: .return, reasonCode: "wrong_number", reason: "returned: the phone number does not work",
            amount: Money(cents: 6500), key: .credit(assignment: 17), settledAtOnce: false))
        let included = rules.credit(assignment: 18, plumber: 3, reasonCode: "duplicate", charged: Money(cents: 0), method: .included)
        #expect(included.settledAtOnce)
        #expect(included.key == IdempotencyKey.credit(assignment: 18))
    }
}
