import Foundation
import LeadModel

/// A plumber together with what they have already received, as the matcher needs it.
public struct PlumberLoad: Sendable, Hashable {
    public var plumber: Plumber
    /// Leads assigned to the plumber on the business day so far, this run included.
    public var assignedToday: Int
    /// Order in which the plumber last received a lead (higher is more recent); 0 if never.
    public var lastServed: Int64

    public init(plumber: Plumber, assignedToday: Int, lastServed: Int64) {
        self.plumber = plumber
        self.assignedToday = assignedToday
        self.lastServed = lastServed
    }
}
