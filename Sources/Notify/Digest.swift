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
        /// The signed links the plumber answers with (won the job, no answer, wrong number, ask for a credit).
        public var actions: [Action]

        public init(
            leadID: Int64, name: String, phone: String, email: String?, address: String, service: ServiceType, urgency: Urgency,
            price: Money, quality: Int = 100, qualityReasons: [String] = [], actions: [Action] = []
        ) {
            self.actions = actions
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
    /// 1 for the day's first digest; 2, 3… for follow-ups holding leads charged after it went out.
    public var sequence: Int
    /// The postal address and unsubscribe link; nil only in tests of the layout.
    public var compliance: Compliance?

    public init(
        plumberID: String, businessName: String, email: String, date: BusinessDate, items: [Item], sequence: Int = 1, compliance: Compliance? = nil
    ) {
        self.compliance = compliance
        self.plumberID = plumberID
        self.businessName = businessName
        self.email = email
        self.date = date
        self.items = items
        self.sequence = sequence
    }

    /// Whether this digest follows an earlier one of the same day.
    public var isFollowUp: Bool { sequence > 1 }

    public var total: Money {
        Money(cents: items.reduce(0) { $0 + $1.price.cents }, currency: items.first?.price.currency ?? "USD")
    }
}
