/// What the admins read each morning about a business day: what was sold and for how much, why the
/// rest went unsold, the credits given, and the messages that need them.
public struct AdminSummary: Sendable, Hashable {
    public var day: BusinessDate
    public var leadsIn: Int
    public var sold: Int
    public var unsold: Int
    public var revenue: Money
    /// Unsold leads per reason, most first.
    public var unsoldReasons: [Reason]
    public var credits: Int
    public var credited: Money
    /// Messages a provider refused for good, with the reason.
    public var failedMessages: [Reason]
    /// Messages that may or may not have reached their plumber (`plumberleads notify maybe-sent`).
    public var maybeSent: Int
    /// Plumbers charged this day who get no digest: they unsubscribed (roster ids).
    public var unsubscribed: [String]

    /// A reason and how often it came up.
    public struct Reason: Sendable, Hashable {
        public var text: String
        public var count: Int

        public init(_ text: String, _ count: Int) {
            (self.text, self.count) = (text, count)
        }
    }

    public init(
        day: BusinessDate, leadsIn: Int, sold: Int, unsold: Int, revenue: Money, unsoldReasons: [Reason], credits: Int, credited: Money,
        failedMessages: [Reason], maybeSent: Int, unsubscribed: [String] = []
    ) {
        self.unsubscribed = unsubscribed
        (self.day, self.leadsIn, self.sold, self.unsold, self.revenue, self.unsoldReasons) = (day, leadsIn, sold, unsold, revenue, unsoldReasons)
        (self.credits, self.credited, self.failedMessages, self.maybeSent) = (credits, credited, failedMessages, maybeSent)
    }
}
