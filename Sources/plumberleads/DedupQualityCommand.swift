import ArgumentParser
import Bench
import Reports
import Enrich
import Foundation
import LeadModel
import Pipeline

/// `plumberleads dedup-quality`: precision and recall of dedup on a labelled synthetic set.
struct DedupQualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-quality",
        abstract: "Measure dedup's precision and recall on a labelled synthetic set of leads (no database needed).",
        discussion: """
            The set holds repeats of a job with realistic slips (typos, nicknames, swapped names, transposed
            phone digits, missing or reformatted streets) and look-alikes that must stay apart (twins and
            couples at one address, neighbours, namesakes). Precision: of the leads marked duplicate, the
            share that repeat the job they were tied to. Recall: of the true repeats, the share caught.
            """)

    @Option(help: "How many leads to generate.")
    var leads = 20_000

    @Option(help: "Over how many days.")
    var days = 30

    @Option(help: "The dedup window in days.")
    var window = 30

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "Print up to this many wrong decisions with both leads (synthetic people only).")
    var showMistakes = 0

    func validate() throws {
        guard leads > 0, days > 0 else { throw ValidationError("--leads and --days must be positive") }
        guard (0...365).contains(window) else { throw ValidationError("--window must be 0 to 365 days") }
        guard showMistakes >= 0 else { throw ValidationError("--show-mistakes cannot be negative") }
    }

    func run() throws {
        let result = DedupQuality(leads: leads, days: days, window: window, seed: seed, keepMistakes: showMistakes)
        let e = result.evaluation
        print("leads: \(result.total) generated, \(result.total - result.invalid) valid and deduplicated")
        print(String(format: "precision: %.4f  (%d right of %d marked duplicate)", e.precision, e.truePositives, e.truePositives + e.falsePositives))
        print(String(format: "recall:    %.4f  (%d caught of %d true repeats)", e.recall, e.truePositives, e.truePositives + e.falseNegatives))
        print("  repeats sharing a phone or email: \(e.exactDuplicates.markedDuplicate) of \(e.exactDuplicates.leads) caught")
        print("  repeats with neither (fuzzy only): \(e.fuzzyDuplicates.markedDuplicate) of \(e.fuzzyDuplicates.leads) caught")
        print("new jobs linked to the same person's earlier lead: \(e.linkedRight) right of \(e.linked)")
        print("comparisons: \(e.comparisons) (\(String(format: "%.2f", Double(e.comparisons) / Double(max(result.total - result.invalid, 1)))) per lead)")
        var rows = [["SCENARIO", "LEADS", "MARKED DUPLICATE"]]
        for (group, tally) in e.byGroup.sorted(by: { $0.key < $1.key }) { rows.append([group, String(tally.leads), String(tally.markedDuplicate)]) }
        print(TextTable.render(rows))
        for mistake in e.mistakes {
            let label = mistake.decision.status == .duplicate ? "WRONG TIE" : mistake.decision.relatedTo != nil ? "WRONG LINK" : "MISSED"
            print("\n\(label): \(mistake.decision.reason)")
            print("  lead:  \(Self.describe(mistake.lead))")
            if let other = mistake.other { print("  other: \(Self.describe(other))") }
        }
    }

    static func describe(_ item: DedupEvaluation.Case) -> String {
        let p = item.profile
        let name = p.name.map { "\($0.first ?? "-") \($0.last)\($0.suffix.map { " " + $0 } ?? "")" } ?? "-"
        return "#\(p.id) day \(item.day) job \(item.job) [\(item.group)] \(name) | \(p.phone ?? "-") | \(p.email ?? "-") | "
            + "\(p.address?.line ?? "-") \(p.zip ?? "-") | \(p.service.rawValue)"
    }
}
