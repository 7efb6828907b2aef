import Foundation
import LeadModel

/// Enriched leads and their dedup blocking keys, encrypted and blind-indexed, ready for `LeadRepository.insert`.
/// Built on any core (one per slice of a chunk) and joined in order with `append(contentsOf:)`.
public struct EnrichedRows: Sendable {
    static let leadColumns = [
        "id", "raw_lead_id", "business_date", "platform", "name_enc", "phone_enc", "email_enc", "street_enc", "phone_bidx",
        "email_bidx", "city", "state", "zip", "zip4", "time_zone", "service", "urgency", "valid", "problems", "notes", "quality",
        "quality_reasons", "phone_country", "phone_time_zone",
    ]

    var leads = CopyEncoder()
    var keys = CopyEncoder()
    /// How many of the leads are valid.
    public private(set) var valid: Int64 = 0
    private let cipher: PIICipher
    private let day: String

    public init(cipher: PIICipher, date: BusinessDate) {
        self.cipher = cipher
        day = date.description
    }

    /// Adds one lead, with the hash inputs and kinds of its blocking keys (a valid lead's; none for an invalid one).
    public mutating func append(_ lead: Lead, id: Int64, rawLeadID: Int64, platform: Platform, keys blocking: [(input: String, kind: Int16)]) throws {
        leads.integer(id)
        leads.integer(rawLeadID)
        leads.text(day)
        leads.text(platform.rawValue)
        leads.bytes(try cipher.encrypt(lead.name))
        leads.bytes(try cipher.encrypt(lead.phone))
        leads.bytes(try cipher.encrypt(lead.email))
        leads.bytes(try cipher.encrypt(lead.street))
        leads.bytes(lead.phone.map(cipher.blindIndex))
        leads.bytes(lead.email.map(cipher.blindIndex))
        leads.text(lead.city)
        leads.text(lead.state)
        leads.text(lead.zip)
        leads.text(lead.zip4)
        leads.text(lead.timeZone)
        leads.text(lead.service.rawValue)
        leads.text(lead.urgency.rawValue)
        leads.bool(lead.isValid)
        leads.textArray(lead.problems)
        leads.textArray(lead.notes)
        leads.integer(lead.quality)
        leads.textArray(lead.qualityReasons)
        leads.text(lead.phoneCountry)
        leads.text(lead.phoneTimeZone)
        leads.endRow()
        if lead.isValid { valid += 1 }
        for key in blocking {
            keys.integer(cipher.blindKey(key.input))
            keys.integer(key.kind)
            keys.integer(id)
            keys.text(day)
            keys.endRow()
        }
    }

    /// Appends another slice's rows after these.
    public mutating func append(contentsOf other: EnrichedRows) {
        var (otherLeads, otherKeys) = (other.leads.buffer, other.keys.buffer)
        leads.append(&otherLeads)
        keys.append(&otherKeys)
        valid += other.valid
    }
}
