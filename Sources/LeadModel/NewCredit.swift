/// A credit to write (`credits`): what it gives back, why, and its key.
public struct NewCredit: Sendable, Hashable {
    /// Who decided it (`credits.source`).
    public enum Source: String, Sendable, Hashable, CaseIterable {
        case automatic
        case `return`
    }

    public var assignmentID: Int64
    public var plumberID: Int64
    public var source: Source
    /// `duplicate`, `invalid_phone`, or a return reason code.
    public var reasonCode: String
    /// The reason in the customer's words, as the statement shows it.
    public var reason: String
    public var amount: Money
    public var key: IdempotencyKey
    /// True when no money has to move (an included lead, a free one): written as settled.
    public var settledAtOnce: Bool

    public init(
        assignmentID: Int64, plumberID: Int64, source: Source, reasonCode: String, reason: String, amount: Money, key: IdempotencyKey,
        settledAtOnce: Bool
    ) {
        (self.assignmentID, self.plumberID, self.source, self.reasonCode, self.reason, self.amount, self.key, self.settledAtOnce) =
            (assignmentID, plumberID, source, reasonCode, reason, amount, key, settledAtOnce)
    }
}
