import Foundation
import LeadModel

/// One plumber's leads for one business day, as the digest email shows them.
public struct Digest: Sendable, Hashable {
    /// One lead in the digest.
    public struct Item: Sendable, Hashable {
        public var leadID: Int64
        public var name: String
        public var phone: String
        public var email: String?
        public var address: String
        public var service: ServiceType
        public var urgency: Urgency
        public var price: Money
        /// The lead's 0–100 quality score and what lowered it.
        public var quality: Int
        public var qualityReasons: [String]
        /// What the person wrote about the job, and when they want it done, in their own words.
        public var request: String?
        public var wanted: String?
        /// The signed links the plumber answers with (won the job, no answer, wrong number, ask for a credit).
        public var actions: [Action]

        public init(
            leadID: Int64, name: String, phone: String, email: String?, address: String, service: ServiceType, urgency: Urgency,
            price: Money, quality: Int = 100, qualityReasons: [String] = [], request: String? = nil, wanted: String? = nil, actions: [Action] = []
        ) {
            self.actions = actions
            self.request = request
            self.wanted = wanted
            self.leadID = leadID
            self.name = name
            self.phone = phone
            self.email = email
            self.address = address
            self.service = service
            self.urgency = urgency
            self.price = price
            self.quality = quality
            self.qualityReasons = qualityReasons
        }
    }

    /// A link a digest offers, with its words.
    public struct Action: Sendable, Hashable {
        public var label: String
        public var url: URL

        public init(label: String, url: URL) {
            (self.label, self.url) = (label, url)
        }
    }

    /// A credit given to the plumber since their last digest, and why.
    public struct Credit: Sendable, Hashable {
        /// The lead it gives back.
        public var leadID: Int64
        /// The business day it was given.
        public var date: BusinessDate
        public var amount: Money
        /// Refunded to the card, or given back to the plan (an included lead, a cancelled metered one).
        public var refunded: Bool
        public var reason: String

        public init(leadID: Int64, date: BusinessDate, amount: Money, refunded: Bool, reason: String) {
            (self.leadID, self.date, self.amount, self.refunded, self.reason) = (leadID, date, amount, refunded, reason)
        }
    }

    /// What every commercial email must carry (CAN-SPAM; RFC 8058 for the one-click header).
    public struct Compliance: Sendable, Hashable {
        /// The sender's physical postal address.
        public var postalAddress: String
        /// The signed one-click unsubscribe link (https).
        public var unsubscribe: URL

        public init(postalAddress: String, unsubscribe: URL) {
            (self.postalAddress, self.unsubscribe) = (postalAddress, unsubscribe)
        }
    }

    public var plumberID: String
    public var businessName: String
    public var email: String
    public var date: BusinessDate
    public var items: [Item]
    /// The credits given since the plumber's last digest.
    public var credits: [Credit]
    /// 1 for the day's first digest; 2, 3… for follow-ups holding leads charged after it went out.
    public var sequence: Int
    /// The postal address and unsubscribe link; nil only in tests of the layout.
    public var compliance: Compliance?

    public init(
        plumberID: String, businessName: String, email: String, date: BusinessDate, items: [Item], credits: [Credit] = [], sequence: Int = 1,
        compliance: Compliance? = nil
    ) {
        self.compliance = compliance
        self.credits = credits
        self.plumberID = plumberID
        self.businessName = businessName
        self.email = email
        self.date = date
        self.items = items
        self.sequence = sequence
    }

    /// Whether this digest brings leads charged after an earlier digest of the same day.
    public var isFollowUp: Bool { sequence > 1 && !items.isEmpty }

    /// What the digest's leads cost.
    public var total: Money {
        Money(cents: items.reduce(0) { $0 + $1.price.cents }, currency: items.first?.price.currency ?? "USD")
    }

    /// What its credits give back.
    public var creditTotal: Money {
        Money(cents: credits.reduce(0) { $0 + $1.amount.cents }, currency: credits.first?.amount.currency ?? "USD")
    }
}
