import Foundation

/// The form answers a lead carries, under platform-neutral keys.
public enum LeadField: String, Sendable, Codable, CaseIterable, Hashable {
    case fullName = "full_name"
    case firstName = "first_name"
    case lastName = "last_name"
    case phone
    case email
    case street
    case city
    case state
    case zip
    case service
    case details
    case urgency
}

/// One lead exactly as an ad platform exported it, before any cleaning.
public struct RawLead: Sendable, Hashable, Codable {
    public var platform: Platform
    /// The platform's own lead id (Meta `id` without its `l:` prefix, Google `lead_id`).
    public var platformLeadID: String
    /// 1-based line (CSV) or record (JSON) number in the source file.
    public var line: Int
    public var createdAt: Date?
    public var campaignID: String?
    public var campaignName: String?
    public var formID: String?
    /// Platform-flagged test lead: stored, never sold.
    public var isTest: Bool
    /// Answers by neutral key; unknown questions are kept under their own names in `extra`.
    public var answers: [LeadField: String]
    public var extra: [String: String]

    public init(
        platform: Platform, platformLeadID: String, line: Int, createdAt: Date? = nil,
        campaignID: String? = nil, campaignName: String? = nil, formID: String? = nil,
        isTest: Bool = false, answers: [LeadField: String] = [:], extra: [String: String] = [:]
    ) {
        self.platform = platform
        self.platformLeadID = platformLeadID
        self.line = line
        self.createdAt = createdAt
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.formID = formID
        self.isTest = isTest
        self.answers = answers
        self.extra = extra
    }

    /// The customer's name from `full_name` or `first_name` + `last_name`.
    public var fullName: String? {
        if let full = answers[.fullName], !full.isEmpty { return full }
        let parts = [answers[.firstName], answers[.lastName]].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
