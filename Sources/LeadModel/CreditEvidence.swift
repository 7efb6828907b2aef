/// What the system learned after a sale that may entitle the plumber to an automatic credit, with the
/// sale it concerns (an active assignment whose charge went through and that has no credit yet).
public struct CreditEvidence: Sendable, Hashable {
    /// What was found.
    public enum Finding: Sendable, Hashable {
        /// Lead `lead` turned out to be the same job as `sameJobAs`, which the plumber bought on `boughtOn`;
        /// `foundBy` is the later lead that matched both, when that is how it was found.
        case duplicate(lead: Int64, sameJobAs: Int64, boughtOn: BusinessDate, foundBy: Int64?)
        /// The person asked again on `askedAgainOn` (`laterLead`) with a phone one slip from the lead's;
        /// `match` is dedup's reason.
        case mistypedPhone(lead: Int64, askedAgainOn: BusinessDate, laterLead: Int64, match: String)
    }

    public var assignmentID: Int64
    public var plumberID: Int64
    /// What the sale's charge took, and how.
    public var charged: Money
    public var method: ChargeMethod
    public var finding: Finding

    public init(assignmentID: Int64, plumberID: Int64, charged: Money, method: ChargeMethod, finding: Finding) {
        (self.assignmentID, self.plumberID, self.charged, self.method, self.finding) = (assignmentID, plumberID, charged, method, finding)
    }
}
