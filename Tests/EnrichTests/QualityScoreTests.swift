import Enrich
import Testing

/// The quality score's deductions, and the one dedup adds after enrich.
@Suite struct QualityScoreTests {
    @Test func askingBeforeForAnotherJobCostsALittleAndSaysWhy() {
        var score = QualityScore(value: 90, reasons: ["no email (−10)"])
        score.deductAskedBefore(earlierLead: 41)
        #expect(score.value == 90 - QualityScore.askedBeforePoints)
        #expect(score.reasons == ["no email (−10)", "asked before for another job (lead 41) (−5)"])
    }

    @Test func theScoreNeverGoesBelowZero() {
        var score = QualityScore(value: 3, reasons: [])
        score.deductAskedBefore(earlierLead: 1)
        #expect(score.value == 0)
    }
}
