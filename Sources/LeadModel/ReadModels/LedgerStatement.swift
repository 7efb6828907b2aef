/// A plumber's statement (`plumberleads ledger PLUMBER`): every charge and every credit for their
/// leads, oldest first, with the lead, the job, the amount, how it was billed and how it stands, and
/// the totals: charged, credited, and what the plumber paid in the end.
public struct LedgerStatement: Sendable {
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable { case charge, credit }
        public var kind: Kind
        public var date: String
        public var lead: Int64
        public var service: String
        public var urgency: String
        /// Positive for a charge, negative for a credit.
        public var amount: Money
        /// `card`, `overage (meter event)`, `included in plan`; for a credit, where it came from and its
        /// reason code (`automatic, invalid_phone`).
        public var detail: String
        /// For a credit, its reason in words.
        public var note: String?
        public var status: String
        public var reference: String?

        public init(
            kind: Kind, date: String, lead: Int64, service: String, urgency: String, amount: Money, detail: String, note: String?, status: String,
            reference: String?
        ) {
            (self.kind, self.date, self.lead, self.service, self.urgency, self.amount) = (kind, date, lead, service, urgency, amount)
            (self.detail, self.note, self.status, self.reference) = (detail, note, status, reference)
        }
    }

    public var plumber: String
    public var business: String
    public var lines: [Line]

    public init(plumber: String, business: String, lines: [Line]) {
        (self.plumber, self.business, self.lines) = (plumber, business, lines)
    }

    /// Charged successfully, per currency.
    public var totals: [String: Int64] { sum(.charge, ["succeeded"]) }
    /// Credited (refunded, cancelled or credited), per currency, as a positive amount.
    public var credited: [String: Int64] { sum(.credit, ["refunded", "credited"]).mapValues { -$0 } }
    /// What the plumber paid in the end, per currency.
    public var net: [String: Int64] { totals.merging(credited.mapValues { -$0 }, uniquingKeysWith: +) }

    /// The amounts of `kind` lines in `statuses`, per currency.
    public func sum(_ kind: Line.Kind, _ statuses: Set<String>) -> [String: Int64] {
        lines.filter { $0.kind == kind && statuses.contains($0.status) }.reduce(into: [:]) { $0[$1.amount.currency, default: 0] += $1.amount.cents }
    }
}
