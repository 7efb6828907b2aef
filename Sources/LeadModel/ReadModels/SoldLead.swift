/// A lead as its buyer sees it on their pages: who asked, for what, and what it cost them.
public struct SoldLead: Sendable, Hashable {
    /// The sale (the id a digest's signed links carry).
    public var assignmentID: Int64
    public var leadID: Int64
    public var date: BusinessDate
    public var name: String
    public var phone: String
    public var email: String?
    public var address: String
    public var service: ServiceType
    public var urgency: Urgency
    public var price: Money
    public var quality: Int
    public var qualityReasons: [String]
    /// What the person wrote, and when they want it done.
    public var request: String?
    public var wanted: String?
    /// The credit given back for it, if any, and why.
    public var credit: Money?
    public var creditReason: String?

    public init(
        assignmentID: Int64, leadID: Int64, date: BusinessDate, name: String, phone: String, email: String?, address: String, service: ServiceType,
        urgency: Urgency, price: Money, quality: Int, qualityReasons: [String], request: String?, wanted: String?, credit: Money?, creditReason: String?
    ) {
        (self.assignmentID, self.leadID, self.date, self.name, self.phone, self.email) = (assignmentID, leadID, date, name, phone, email)
        (self.address, self.service, self.urgency, self.price, self.quality) = (address, service, urgency, price, quality)
        (self.qualityReasons, self.request, self.wanted, self.credit, self.creditReason) = (qualityReasons, request, wanted, credit, creditReason)
    }
}

/// One business day of a plumber's leads, as their list of digests shows it.
public struct PlumberDay: Sendable, Hashable {
    public var date: BusinessDate
    public var leads: Int
    public var total: Money

    public init(date: BusinessDate, leads: Int, total: Money) {
        (self.date, self.leads, self.total) = (date, leads, total)
    }
}
