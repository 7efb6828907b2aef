import Bench
import Enrich
import Testing

/// Dedup against the labelled synthetic set: the precision and recall `plumberleads dedup-quality` reports.
@Suite struct DedupQualityTests {
    @Test func labelledSetMeetsPrecisionAndRecall() {
        let quality = DedupQuality(leads: 10_000, days: 30, window: 30, seed: 11)
        let e = quality.evaluation
        #expect(e.precision >= 0.99, "precision \(e.precision)")
        #expect(e.recall >= 0.95, "recall \(e.recall)")
        // The look-alikes are never merged.
        for group in ["household member (twin, couple)", "neighbour (street or building)", "same name, another person"] {
            #expect(e.byGroup[group]?.markedDuplicate == 0, "\(group)")
        }
        // Repeats with no exact phone or email are caught too, not only the easy ones.
        #expect(Double(e.fuzzyDuplicates.markedDuplicate) >= 0.85 * Double(e.fuzzyDuplicates.leads))
        #expect(e.comparisons < 3 * (quality.total - quality.invalid))
    }
}
