/// The 0–100 quality score of a lead and the reasons that lowered it, so a plumber (and ops) can see
/// why one lead is worth calling first.
public struct QualityScore: Sendable, Equatable {
    public private(set) var value = 100
    public private(set) var reasons: [String] = []

    public init() {}

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
