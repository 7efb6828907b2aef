import Foundation

/// A lead after enrichment: normalized contact data, its place and its job.
public struct Lead: Sendable, Hashable, Codable {
    public var name: String?
    /// E.164 (`+13125550123`), or nil when the phone was missing or invalid.
    public var phone: String?
    /// The NANP member the phone's area code belongs to (`US`, `CA`, `JM`…; `NANP` for a toll-free or
    /// other non-geographic code), or nil when there is no valid phone.
    public var phoneCountry: String?
    /// The IANA time zone of the phone's area code (the ZIP's, when the code spans several and it is
    /// one of them), for calling and texting hours; nil for a non-geographic code.
    public var phoneTimeZone: String?
    /// Lower-cased address, or nil when missing or invalid.
    public var email: String?
    public var street: String?
    public var city: String?
    /// USPS two-letter code.
    public var state: String?
    /// Five-digit ZIP.
    public var zip: String?
    /// ZIP+4 add-on, when the customer gave one.
    public var zip4: String?
    /// IANA time zone of the ZIP (for calling hours).
    public var timeZone: String?
    public var service: ServiceType
    public var urgency: Urgency
    /// Why the lead cannot be sold; empty for a valid lead.
    public var problems: [String]
    /// What was found but does not block the sale (an invalid email when the phone is good).
    public var notes: [String]
    /// 0–100: how likely the lead reaches a customer who wants the job.
    public var quality: Int
    /// What lowered the quality score, each with its points.
    public var qualityReasons: [String]

    public init(
        name: String?, phone: String?, email: String?, street: String?, city: String?, state: String?,
        zip: String?, zip4: String? = nil, timeZone: String? = nil, service: ServiceType, urgency: Urgency, problems: [String],
        notes: [String] = [], quality: Int = 100, qualityReasons: [String] = [], phoneCountry: String? = nil, phoneTimeZone: String? = nil
    ) {
        self.name = name
        self.phone = phone
        self.phoneCountry = phoneCountry
        self.phoneTimeZone = phoneTimeZone
        self.email = email
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
        self.zip4 = zip4
        self.timeZone = timeZone
        self.service = service
        self.urgency = urgency
        self.problems = problems
        self.notes = notes
        self.quality = quality
        self.qualityReasons = qualityReasons
    }

    /// A lead is sellable when a plumber can reach the customer and place the job.
    public var isValid: Bool { problems.isEmpty }
}
