/// Runs dedup in memory over leads whose truth is known — the same blocking keys, the same decisions,
/// in the same order as the dedup stage — and counts how right it was.
///
/// A lead is truly a duplicate when an earlier lead of the same job lies within the window. A lead
/// marked duplicate counts as right only when the lead it points at belongs to that job too.
public struct DedupEvaluation: Sendable {
    public struct Case: Sendable {
        public var profile: DedupProfile
        public var day: Int
        public var person: Int
        public var job: Int
        /// The scenario the generator made it for, for the breakdown.
        public var group: String

        public init(profile: DedupProfile, day: Int, person: Int, job: Int, group: String) {
            self.profile = profile
            self.day = day
            self.person = person
            self.job = job
            self.group = group
        }
    }

    /// Leads of one scenario and how many were marked duplicates.
    public struct Tally: Sendable {
        public var leads = 0
        public var markedDuplicate = 0
    }

    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    /// True duplicates that share a phone or email with an earlier lead of their job, and those that do not.
    public var exactDuplicates = Tally()
    public var fuzzyDuplicates = Tally()
    /// Leads linked to an earlier lead as the same person's new job, and how many of those were right.
    public var linked = 0
    public var linkedRight = 0
    public var comparisons = 0
    public var byGroup: [String: Tally] = [:]
    /// The first wrong decisions (up to `keepMistakes`), for a person to read.
    public var mistakes: [Mistake] = []

    /// A lead decided wrongly: a repeat missed, a lead tied to another job, or a new job linked to
    /// someone else.
    public struct Mistake: Sendable {
        public var lead: Case
        public var decision: DedupDecision
        /// For a missed repeat: the earlier lead of its job; for a wrong tie: the lead it was tied to.
        public var other: Case?
    }

    public var precision: Double { Double(truePositives) / Double(max(truePositives + falsePositives, 1)) }
    public var recall: Double { Double(truePositives) / Double(max(truePositives + falseNegatives, 1)) }

    /// `cases` in arrival order; each profile's id must be its position.
    public init(cases: [Case], window: Int, keepMistakes: Int = 0) {
        var index: [DedupKey: [Int]] = [:]
        var roots: [Int64] = []
        var lastDayOfJob: [Int: Int] = [:]
        var leadsOfJob: [Int: [Int]] = [:]
        roots.reserveCapacity(cases.count)
        for (position, current) in cases.enumerated() {
            precondition(current.profile.id == Int64(position), "profile ids must be positions")
            let keys = current.profile.keys
            var seen = Set<Int>()
            for key in keys {
                for earlier in index[key] ?? [] where current.day - cases[earlier].day <= window { seen.insert(earlier) }
            }
            let candidates = seen.sorted().map { Deduplicator.Candidate(profile: cases[$0].profile, root: roots[$0]) }
            comparisons += candidates.count
            let decision = Deduplicator.decide(current.profile, against: candidates)
            roots.append(decision.duplicateOf ?? current.profile.id)
            for key in keys { index[key, default: []].append(position) }

            let isDuplicate = lastDayOfJob[current.job].map { current.day - $0 <= window } ?? false
            let marked = decision.status == .duplicate
            byGroup[current.group, default: Tally()].leads += 1
            if marked { byGroup[current.group, default: Tally()].markedDuplicate += 1 }
            if isDuplicate {
                let sameJob = leadsOfJob[current.job] ?? []
                let exact = sameJob.contains {
                    let earlier = cases[$0].profile
                    return current.day - cases[$0].day <= window
                        && ((earlier.phone != nil && earlier.phone == current.profile.phone) || (earlier.email != nil && earlier.email == current.profile.email))
                }
                let right = marked && cases[Int(decision.duplicateOf!)].job == current.job
                if exact { exactDuplicates.leads += 1 } else { fuzzyDuplicates.leads += 1 }
                if right {
                    truePositives += 1
                    if exact { exactDuplicates.markedDuplicate += 1 } else { fuzzyDuplicates.markedDuplicate += 1 }
                } else {
                    falseNegatives += 1
                    if marked { falsePositives += 1 }
                    if mistakes.count < keepMistakes {
                        mistakes.append(Mistake(lead: current, decision: decision, other: sameJob.last.map { cases[$0] }))
                    }
                }
            } else if marked {
                falsePositives += 1
                if mistakes.count < keepMistakes {
                    mistakes.append(Mistake(lead: current, decision: decision, other: cases[Int(decision.duplicateOf!)]))
                }
            } else {
                trueNegatives += 1
            }
            if let related = decision.relatedTo {
                linked += 1
                let earlier = cases[Int(related)]
                if earlier.person == current.person, earlier.job != current.job {
                    linkedRight += 1
                } else if mistakes.count < keepMistakes {
                    mistakes.append(Mistake(lead: current, decision: decision, other: earlier))
                }
            }
            lastDayOfJob[current.job] = current.day
            leadsOfJob[current.job, default: []].append(position)
        }
    }
}
