import LeadModel

/// The written rules return requests are judged by (`pipelines/returns.yml`): returnable reason codes,
/// the return window, and the per-plumber return-rate ceiling. `ReturnRules.load` (Pipeline) reads the file.
public struct ReturnRules: Sendable, Hashable {
    /// Reason code → the words a credit gives for it.
    public var reasons: [String: String]
    public var windowDays: Int
    public var maxReturnRatePercent: Int
    public var rateDays: Int

    public init(reasons: [String: String], windowDays: Int, maxReturnRatePercent: Int, rateDays: Int) {
        (self.reasons, self.windowDays, self.maxReturnRatePercent, self.rateDays) = (reasons, windowDays, maxReturnRatePercent, rateDays)
    }

    /// What a plumber's record looks like when a request is judged.
    public struct Standing: Sendable {
        /// Days from the lead's business day to the request.
        public var age: Int
        /// Leads the plumber bought in the last `rateDays` days, and returns accepted in that time.
        public var bought: Int
        public var returned: Int
        /// Why the lead was already credited, if it was.
        public var alreadyCredited: String?

        public init(age: Int, bought: Int, returned: Int, alreadyCredited: String?) {
            self.age = age
            self.bought = bought
            self.returned = returned
            self.alreadyCredited = alreadyCredited
        }
    }

    /// Accepted (nil) or the reason for refusing, rule by rule.
    public func refusal(reasonCode: String, standing: Standing) -> String? {
        guard reasons[reasonCode] != nil else {
            return "reason code \(reasonCode) is not returnable (returnable: \(reasons.keys.sorted().joined(separator: ", ")))"
        }
        if let credited = standing.alreadyCredited { return "already credited: \(credited)" }
        if standing.age > windowDays { return "returned \(standing.age) days after the lead; the window is \(windowDays) days" }
        let rate = standing.bought == 0 ? 100 : (standing.returned + 1) * 100 / standing.bought
        if (standing.returned + 1) * 100 > maxReturnRatePercent * standing.bought {
            return "return rate would be \(rate) % of the \(standing.bought) leads bought in \(rateDays) days (ceiling \(maxReturnRatePercent) %): for ops to review"
        }
        return nil
    }

    /// The credit an accepted request gives: the whole charge back, in the words of its reason code.
    public func credit(assignment: Int64, plumber: Int64, reasonCode: String, charged: Money, method: ChargeMethod) -> NewCredit {
        NewCredit(
            assignmentID: assignment, plumberID: plumber, source: .return, reasonCode: reasonCode,
            reason: "returned: " + (reasons[reasonCode] ?? reasonCode), amount: charged, key: .credit(assignment: assignment),
            settledAtOnce: CreditPolicy.settlesAtOnce(method: method, amount: charged))
    }
}
