import Foundation

/// A plumbing business that buys leads, as the roster describes it.
public struct Plumber: Sendable, Hashable, Codable {
    /// How a plumber pays for leads.
    public enum Plan: Sendable, Hashable, Codable {
        /// Each lead is charged to the card on file at its price.
        case payPerLead
        /// A subscription billed by Stripe that includes `included` leads per calendar month; each lead
        /// beyond them costs `overageCents` (reported to Stripe as a billing meter event).
        case subscription(included: Int, overageCents: Int64)
    }

    /// The roster's stable id (`PL-0001`).
    public var externalID: String
    public var businessName: String
    public var email: String
    /// E.164 mobile for urgent-lead SMS.
    public var mobile: String
    /// Five-digit ZIPs the plumber serves (besides those within `radiusMiles` of `baseZIP`).
    public var zips: Set<String>
    /// The ZIP the radius is measured from; nil when the area is a ZIP list only.
    public var baseZIP: String?
    /// Miles around `baseZIP` (between ZIP centroids); 0 for none.
    public var radiusMiles: Int
    public var services: Set<ServiceType>
    public var hours: BusinessHours
    /// IANA name the hours are read in.
    public var timeZone: String
    /// At most this many leads per business day.
    public var dailyCap: Int
    /// At most this many leads per week (Monday to Sunday); nil for no weekly cap.
    public var weeklyCap: Int?
    /// Never charged more than this per calendar month (per-lead charges and overage); nil for no budget.
    public var monthlyBudgetCents: Int64?
    public var plan: Plan
    /// Takes leads sold to several plumbers at the shared price; false: exclusive leads only.
    public var acceptsShared: Bool
    /// Allocation tier: tier 1 is offered leads before tier 2, and so on.
    public var tier: Int
    public var active: Bool
    /// Stripe's customer id (`cus_…`).
    public var stripeCustomer: String?
    /// The saved card charged off-session (`pm_…`).
    public var stripePaymentMethod: String?
    /// When the plumber wants urgent texts (`mon-sun 07:00-22:00`), inside the legal texting window;
    /// not stated: the legal window alone.
    public var alertHours: BusinessHours

    public init(
        externalID: String, businessName: String, email: String, mobile: String, zips: Set<String>, baseZIP: String? = nil,
        radiusMiles: Int = 0, services: Set<ServiceType>, hours: BusinessHours = .notStated, timeZone: String = "America/Chicago",
        dailyCap: Int, weeklyCap: Int? = nil, monthlyBudgetCents: Int64? = nil, plan: Plan = .payPerLead, acceptsShared: Bool = false,
        tier: Int = 1, active: Bool, stripeCustomer: String? = nil, stripePaymentMethod: String? = nil, alertHours: BusinessHours = .notStated
    ) {
        self.alertHours = alertHours
        self.externalID = externalID
        self.businessName = businessName
        self.email = email
        self.mobile = mobile
        self.zips = zips
        self.baseZIP = baseZIP
        self.radiusMiles = radiusMiles
        self.services = services
        self.hours = hours
        self.timeZone = timeZone
        self.dailyCap = dailyCap
        self.weeklyCap = weeklyCap
        self.monthlyBudgetCents = monthlyBudgetCents
        self.plan = plan
        self.acceptsShared = acceptsShared
        self.tier = tier
        self.active = active
        self.stripeCustomer = stripeCustomer
        self.stripePaymentMethod = stripePaymentMethod
    }

    /// The service area in words: `60613 60614 + 10 mi around 60640`.
    public var areaDescription: String {
        var parts = zips.sorted()
        if let baseZIP, radiusMiles > 0 { parts.append("+ \(radiusMiles) mi around \(baseZIP)") }
        return parts.joined(separator: " ")
    }

    /// `pay per lead` or `subscription: 10 included, then $45.00`.
    public var planDescription: String {
        switch plan {
        case .payPerLead: "pay per lead"
        case .subscription(let included, let overage): "subscription: \(included) included a month, then \(Money(cents: overage)) a lead"
        }
    }
}
