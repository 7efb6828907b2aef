import Foundation

/// The written rules return requests are judged by (`pipelines/returns.yml`): returnable reason codes,
/// the return window, and the per-plumber return-rate ceiling.
public struct ReturnRules: Sendable, Hashable {
    /// Reason code → the words a credit gives for it.
    public var reasons: [String: String]
    public var windowDays: Int
    public var maxReturnRatePercent: Int
    public var rateDays: Int

    struct File: Decodable {
        var reasons: [String: String]
        var windowDays: Int
        var maxReturnRatePercent: Int
        var rateDays: Int
        enum CodingKeys: String, CodingKey {
            case reasons
            case windowDays = "window_days"
            case maxReturnRatePercent = "max_return_rate_percent"
            case rateDays = "rate_days"
        }
    }

    public static func load(_ url: URL) throws -> ReturnRules {
        let file = try OpsDataFile.decode(File.self, from: url, what: "return rules")
        func fail(_ detail: String) -> DefinitionError { DefinitionError(file: url.path, detail: detail) }
        guard !file.reasons.isEmpty else { throw fail("reasons: at least one returnable reason code") }
        guard (0...365).contains(file.windowDays) else { throw fail("window_days must be 0 to 365") }
        guard (0...100).contains(file.maxReturnRatePercent) else { throw fail("max_return_rate_percent must be 0 to 100") }
        guard (1...365).contains(file.rateDays) else { throw fail("rate_days must be 1 to 365") }
        return ReturnRules(reasons: file.reasons, windowDays: file.windowDays, maxReturnRatePercent: file.maxReturnRatePercent, rateDays: file.rateDays)
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
}
