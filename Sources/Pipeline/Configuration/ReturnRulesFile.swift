import Billing
import Foundation

extension ReturnRules {
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

    /// Reads and checks the rules file (`pipelines/returns.yml`).
    public static func load(_ url: URL) throws -> ReturnRules {
        let file = try OpsDataFile.decode(File.self, from: url, what: "return rules file")
        func fail(_ detail: String) -> DefinitionError { DefinitionError(file: url.path, detail: detail) }
        guard !file.reasons.isEmpty else { throw fail("reasons: at least one returnable reason code") }
        guard (0...365).contains(file.windowDays) else { throw fail("window_days must be 0 to 365") }
        guard (0...100).contains(file.maxReturnRatePercent) else { throw fail("max_return_rate_percent must be 0 to 100") }
        guard (1...365).contains(file.rateDays) else { throw fail("rate_days must be 1 to 365") }
        return ReturnRules(reasons: file.reasons, windowDays: file.windowDays, maxReturnRatePercent: file.maxReturnRatePercent, rateDays: file.rateDays)
    }

}
