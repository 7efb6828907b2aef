import LeadModel

/// What dedup decided for one lead, and why.
public struct DedupDecision: Sendable, Equatable {
    public enum Status: String, Sendable {
        case unique, duplicate
    }

    public var status: Status
    /// For a duplicate: the first lead of the person and job (never itself a duplicate).
    public var duplicateOf: Int64?
    /// For a unique lead of someone who asked before for another job: that earlier lead.
    public var relatedTo: Int64?
    /// True when an equal phone or email tied it to the earlier lead; false when the name, the address and
    /// typo-close contact data did.
    public var exactContact: Bool
    public var reason: String
    /// For a duplicate: other earlier leads (first leads of their own job) that are the same person and
    /// job too — duplicates of `duplicateOf` that no evidence tied when they came in. This lead ties them.
    public var alsoSameJob: [Int64]
    /// For a duplicate: the earlier lead it was judged the same as (`duplicateOf`, or a repeat of it).
    public var comparedWith: Int64?
    /// For a duplicate: its phone is one digit off, or has two digits transposed, from `comparedWith`'s —
    /// the person asked again with a corrected number, so the earlier one probably does not reach them.
    public var phoneOneSlipAway: Bool

    public init(
        status: Status, duplicateOf: Int64? = nil, relatedTo: Int64? = nil, exactContact: Bool = false, reason: String, alsoSameJob: [Int64] = [],
        comparedWith: Int64? = nil, phoneOneSlipAway: Bool = false
    ) {
        self.status = status
        self.duplicateOf = duplicateOf
        self.relatedTo = relatedTo
        self.exactContact = exactContact
        self.reason = reason
        self.alsoSameJob = alsoSameJob
        self.comparedWith = comparedWith
        self.phoneOneSlipAway = phoneOneSlipAway
    }
}

/// Decides one lead against the earlier leads that share a blocking key with it: a duplicate of the
/// first that is the same person asking for the same job, else unique — linked to the first lead of the
/// same person asking for another job, if any.
public enum Deduplicator {
    /// An earlier lead offered for comparison, with the lead it counts as (itself, or the first lead of
    /// its person and job when it is a duplicate).
    public struct Candidate: Sendable {
        public var profile: DedupProfile
        public var root: Int64

        public init(profile: DedupProfile, root: Int64) {
            self.profile = profile
            self.root = root
        }
    }

    /// `candidates` must be the earlier leads in order, earliest first.
    public static func decide(_ lead: DedupProfile, against candidates: [Candidate]) -> DedupDecision {
        var related: (Candidate, LeadComparison)?
        for (index, candidate) in candidates.enumerated() {
            let comparison = LeadComparison(lead, candidate.profile)
            guard comparison.samePerson else { continue }
            if sameJob(lead, candidate.profile, comparison) {
                var reason = "\(comparison.evidence) as lead \(candidate.profile.id)"
                if candidate.root != candidate.profile.id { reason += " (itself a duplicate of lead \(candidate.root))" }
                var also: [Int64] = []
                for later in candidates[(index + 1)...] where later.root != candidate.root && !also.contains(later.root) {
                    let other = LeadComparison(lead, later.profile)
                    if other.samePerson, sameJob(lead, later.profile, other) { also.append(later.root) }
                }
                return DedupDecision(
                    status: .duplicate, duplicateOf: candidate.root, exactContact: comparison.exactContact, reason: reason, alsoSameJob: also,
                    comparedWith: candidate.profile.id, phoneOneSlipAway: comparison.phone == .near)
            }
            if related == nil { related = (candidate, comparison) }
        }
        guard let (candidate, comparison) = related else {
            return DedupDecision(status: .unique, reason: "no earlier lead of the same person (\(candidates.count) compared)")
        }
        let job = comparison.otherPlace
            ? "another place"
            : "another job: \(lead.service.label.lowercased()), was \(candidate.profile.service.label.lowercased())"
        return DedupDecision(
            status: .unique, relatedTo: candidate.root, exactContact: comparison.exactContact,
            reason: "new job for the person of lead \(candidate.root) (\(comparison.evidence) as lead \(candidate.profile.id); \(job))")
    }

    /// The same job: the same service, at a place that is not clearly elsewhere.
    static func sameJob(_ a: DedupProfile, _ b: DedupProfile, _ comparison: LeadComparison) -> Bool {
        a.service == b.service && !comparison.otherPlace
    }
}
