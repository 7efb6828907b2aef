import Foundation
import LeadModel

/// A plumber as the allocator sees them at one moment: the roster entry, the ZIPs their area resolves
/// to, the state of their card and what they have received.
public struct Candidate: Sendable, Hashable {
    public var plumber: Plumber
    /// Every ZIP the area covers: the list and the ZIPs within the radius of the base ZIP.
    public var coveredZIPs: Set<String>
    /// Why the card on file last failed; nil when it has not.
    public var cardFailure: String?
    public var load: PlumberLoad

    public init(plumber: Plumber, coveredZIPs: Set<String>, cardFailure: String? = nil, load: PlumberLoad = PlumberLoad()) {
        self.plumber = plumber
        self.coveredZIPs = coveredZIPs
        self.cardFailure = cardFailure
        self.load = load
    }

    public var id: String { plumber.externalID }
}
