/// What the demo shows after its runs: each plumber's leads with their statement, why leads went
/// unsold, and the credits.
public struct DemoBooks: Sendable {
    /// One plumber's leads over every day, and their statement.
    public struct PlumberBooks: Sendable {
        public var id: String
        public var plan: String
        public var leads: Int
        public var shared: Int
        public var released: Int
        public var statement: LedgerStatement

        public init(id: String, plan: String, leads: Int, shared: Int, released: Int, statement: LedgerStatement) {
            (self.id, self.plan, self.leads, self.shared, self.released, self.statement) = (id, plan, leads, shared, released, statement)
        }
    }

    /// One credit as the demo lists it.
    public struct Credit: Sendable, Hashable {
        public var plumber: String
        public var source: String
        public var status: String
        public var amount: Money
        public var reason: String

        public init(plumber: String, source: String, status: String, amount: Money, reason: String) {
            (self.plumber, self.source, self.status, self.amount, self.reason) = (plumber, source, status, amount, reason)
        }
    }

    public var plumbers: [PlumberBooks]
    /// Unsold leads per reason, most first.
    public var unsold: [(reason: String, count: Int)]
    public var credits: [Credit]

    public init(plumbers: [PlumberBooks], unsold: [(reason: String, count: Int)], credits: [Credit]) {
        (self.plumbers, self.unsold, self.credits) = (plumbers, unsold, credits)
    }
}
