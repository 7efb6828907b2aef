/// The 0–100 quality score of a lead and the reasons that lowered it, so a plumber (and ops) can see
/// why one lead is worth calling first.
public struct QualityScore: Sendable, Equatable {
    public private(set) var value = 100
    public private(set) var reasons: [String] = []

    public init() {}

    /// A score as stored, to adjust after enrich (dedup's "asked before").
    public init(value: Int, reasons: [String]) {
        self.value = value
        self.reasons = reasons
    }

    /// Points off for someone who asked before for another job: a little less likely to hire.
    public static let askedBeforePoints = 5

    /// Dedup linked the lead to the person's earlier lead for another job: it says so, and costs a little.
    public mutating func deductAskedBefore(earlierLead: Int64) {
        deduct(Self.askedBeforePoints, "asked before for another job (lead \(earlierLead))")
    }

    /// Takes `points` off for `reason`.
    public mutating func deduct(_ points: Int, _ reason: String) {
        value = max(0, value - points)
        reasons.append("\(reason) (−\(points))")
    }

    /// A test lead is worth nothing, whatever else it has.
    public mutating func zero(_ reason: String) {
        reasons.append("\(reason) (−\(value))")
        value = 0
    }
}
