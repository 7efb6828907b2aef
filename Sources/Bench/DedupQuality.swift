import Enrich
import LeadModel
import Synthetic

/// Measures dedup against a labelled synthetic set (`plumberleads dedup-quality`): the generator's leads
/// are enriched exactly as the pipeline enriches them, the valid ones deduplicated in memory with the
/// stage's keys and rules, and the decisions compared with the truth.
public struct DedupQuality: Sendable {
    public var evaluation: DedupEvaluation
    /// Generated leads that enrich found invalid (never deduplicated, so not scored).
    public var invalid: Int
    public var total: Int

    public init(leads: Int, days: Int, window: Int, seed: UInt64, classifier: ServiceClassifier = .standard, keepMistakes: Int = 0) {
        let items = LabelledLeads(count: leads, days: days, window: window, seed: seed).generate()
        let enricher = LeadEnricher(classifier: classifier)
        var cases: [DedupEvaluation.Case] = []
        cases.reserveCapacity(items.count)
        for item in items {
            let (lead, address) = enricher.enrichWithAddress(item.raw)
            guard lead.isValid else { continue }
            cases.append(DedupEvaluation.Case(
                profile: DedupProfile(id: Int64(cases.count), lead: lead, address: address), day: item.day, person: item.person, job: item.job,
                group: item.scenario.rawValue))
        }
        evaluation = DedupEvaluation(cases: cases, window: window, keepMistakes: keepMistakes)
        invalid = items.count - cases.count
        total = items.count
    }
}
