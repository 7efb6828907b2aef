import Foundation
/// One campaign's spend on one day, from a platform's spend report.
public struct SpendRow: Sendable, Hashable, Codable {
    public var platform: Platform
    public var campaignID: String?
    public var campaignName: String
    public var day: BusinessDate
    public var cost: Money
    public var impressions: Int64
    public var clicks: Int64
    public var line: Int

    public init(
        platform: Platform, campaignID: String?, campaignName: String, day: BusinessDate, cost: Money,
        impressions: Int64, clicks: Int64, line: Int
    ) {
        self.platform = platform
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.day = day
        self.cost = cost
        self.impressions = impressions
        self.clicks = clicks
        self.line = line
    }
}
