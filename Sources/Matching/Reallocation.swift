import Foundation
import LeadModel

extension AllocationPolicy {
    /// Places a lead again after `declinedPlumber`'s card was declined for it (`reason`): by the same policy,
    /// among `pool` (with that card now failing), passing over every plumber in `holders` who had it. An
    /// exclusive lead goes to the next eligible plumber; a released share (`releasedShare`) to the next one
    /// taking shared leads. The outcome says whose card was declined and why.
    public func reallocate(
        _ lead: LeadToPlace, in pool: CandidatePool, holders: Set<String>, releasedShare: Bool, declinedPlumber: String, reason: String
    ) -> Allocation {
        var allocation = allocate(lead, in: pool, holders: holders, refill: .init(slots: 1, shared: releasedShare))
        if releasedShare, allocation.sales.isEmpty {
            allocation.outcome = allocation.outcome.replacingOccurrences(of: "unsold: ", with: "the share stays unsold: ")
        }
        allocation.outcome = "card of \(declinedPlumber) declined (\(reason)); " + allocation.outcome
        return allocation
    }
}
