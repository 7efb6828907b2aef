import LeadModel

/// Which sales the system credits by itself, and the reason the plumber reads, decided from the evidence
/// the credit repository loads. An assignment is credited at most once, whatever else is found later.
///
/// - **duplicate**: a lead the plumber bought turned out to be the same person and job as one they had
///   already bought — shown by a later lead that matched both, or by a dedup decision made after the
///   sale. The later purchase is credited.
/// - **invalid_phone**: the person asked again on a later business day with a phone one digit off or two
///   digits transposed from the lead's: the number the plumber bought probably does not reach them.
///
/// When both apply to one sale, the duplicate is the reason given.
public enum CreditPolicy {
    /// How far back automatic credits look at what dedup learned.
    public static let automaticWindowDays = 60

    /// The credits `evidence` calls for, one per assignment, in assignment order.
    public static func automaticCredits(_ evidence: [CreditEvidence]) -> [NewCredit] {
        var best: [Int64: CreditEvidence] = [:]
        for item in evidence {
            if let current = best[item.assignmentID], preference(current.finding) <= preference(item.finding) { continue }
            best[item.assignmentID] = item
        }
        return best.keys.sorted().map { assignment in
            let item = best[assignment]!
            let (code, reason) = words(item.finding)
            return NewCredit(
                assignmentID: assignment, plumberID: item.plumberID, source: .automatic, reasonCode: code, reason: reason, amount: item.charged,
                key: .credit(assignment: assignment), settledAtOnce: settlesAtOnce(method: item.method, amount: item.charged))
        }
    }

    /// A credit of an included lead, or of one that cost nothing, moves no money: it is settled when written.
    public static func settlesAtOnce(method: ChargeMethod, amount: Money) -> Bool {
        method == .included || amount.cents == 0
    }

    private static func preference(_ finding: CreditEvidence.Finding) -> Int {
        switch finding {
        case .duplicate: 1
        case .mistypedPhone: 2
        }
    }

    private static func words(_ finding: CreditEvidence.Finding) -> (code: String, reason: String) {
        switch finding {
        case .duplicate(let lead, let first, let boughtOn, let foundBy):
            ("duplicate", "lead \(lead) turned out to be the same job as lead \(first), which you bought on \(boughtOn)"
                + (foundBy.map { " (lead \($0) matched both)" } ?? ""))
        case .mistypedPhone(let lead, let day, let later, let match):
            ("invalid_phone", "the phone of lead \(lead) looks mistyped: the same person asked again on \(day) with a corrected number (lead \(later): \(match))")
        }
    }
}
