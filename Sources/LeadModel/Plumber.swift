import Foundation
/// A plumbing business that buys leads, as the roster describes it.
public struct Plumber: Sendable, Hashable, Codable {
    /// The roster's stable id (`PL-0001`).
    public var externalID: String
    public var businessName: String
    public var email: String
    /// E.164 mobile for urgent-lead SMS.
    public var mobile: String
    /// Five-digit ZIPs the plumber serves.
    public var zips: Set<String>
    public var services: Set<ServiceType>
    /// At most this many leads per business day.
    public var dailyCap: Int
    public var active: Bool

    public init(
        externalID: String, businessName: String, email: String, mobile: String, zips: Set<String>,
        services: Set<ServiceType>, dailyCap: Int, active: Bool
    ) {
        self.externalID = externalID
        self.businessName = businessName
        self.email = email
        self.mobile = mobile
        self.zips = zips
        self.services = services
        self.dailyCap = dailyCap
        self.active = active
    }
}
