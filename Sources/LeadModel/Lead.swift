import Foundation

/// A lead after enrichment: normalized contact data, its place and its job.
public struct Lead: Sendable, Hashable, Codable {
    public var name: String?
    /// E.164 (`+13125550123`), or nil when the phone was missing or invalid.
    public var phone: String?
    /// Lower-cased address, or nil when missing or invalid.
    public var email: String?
    public var street: String?
    public var city: String?
    /// USPS two-letter code.
    public var state: String?
    /// Five-digit ZIP.
    public var zip: String?
    public var service: ServiceType
    public var urgency: Urgency
    /// Why the lead cannot be sold; empty for a valid lead.
    public var problems: [String]
    /// What was found but does not block the sale (an invalid email when the phone is good).
    public var notes: [String]

    public init(
        name: String?, phone: String?, email: String?, street: String?, city: String?, state: String?,
        zip: String?, service: ServiceType, urgency: Urgency, problems: [String], notes: [String] = []
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
        self.service = service
        self.urgency = urgency
        self.problems = problems
        self.notes = notes
    }

    /// A lead is sellable when a plumber can reach the customer and place the job.
    public var isValid: Bool { problems.isEmpty }
}
