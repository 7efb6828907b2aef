import Foundation
import LeadModel
import PostgresNIO

/// What a plumber's pages show: the days they bought leads on, and each day's leads, decrypted. Every
/// query is scoped to the plumber: a sale of someone else is not found, never shown.
public struct PlumberLeadPages: Sendable {
    let session: DatabaseSession
    let cipher: PIICipher

    public init(_ session: DatabaseSession, cipher: PIICipher) {
        (self.session, self.cipher) = (session, cipher)
    }

    /// The business days the plumber was charged for leads, newest first.
    public func days(plumberID: Int64, limit: Int = 90) async throws -> [PlumberDay] {
        try await session.rows("""
            SELECT business_date::text, count(*)::int, sum(amount_cents)::bigint, min(currency)
            FROM charges WHERE plumber_id = \(plumberID) AND status = \(ChargeStatus.succeeded.rawValue)
            GROUP BY business_date ORDER BY business_date DESC LIMIT \(limit)
            """).map { row in
            let (day, count, cents, currency) = try row.decode((String, Int, Int64, String).self)
            return PlumberDay(date: try BusinessDate(parsing: day), leads: count, total: Money(cents: cents, currency: currency))
        }
    }

    /// The plumber's leads charged on `day`, urgent first.
    public func leads(plumberID: Int64, day: BusinessDate) async throws -> [SoldLead] {
        try await load(plumberID: plumberID, day: day, assignmentID: nil)
    }

    /// One of the plumber's leads, by its sale; nil when the sale is not theirs.
    public func lead(plumberID: Int64, assignmentID: Int64) async throws -> SoldLead? {
        try await load(plumberID: plumberID, day: nil, assignmentID: assignmentID).first
    }

    private func load(plumberID: Int64, day: BusinessDate?, assignmentID: Int64?) async throws -> [SoldLead] {
        let date = day?.description
        return try await session.rows("""
            SELECT a.id, l.id, c.business_date::text, l.name_enc, l.phone_enc, l.email_enc, l.street_enc, l.city, l.state, l.zip,
                   l.service, l.urgency, c.amount_cents, c.currency, l.quality::int, l.quality_reasons, r.payload_enc,
                   cr.amount_cents, cr.reason
            FROM charges c JOIN assignments a ON a.id = c.assignment_id JOIN leads l ON l.id = a.lead_id
            JOIN raw_leads r ON r.id = l.raw_lead_id
            LEFT JOIN credits cr ON cr.assignment_id = a.id AND cr.status IN (\(CreditStatus.refunded.rawValue), \(CreditStatus.credited.rawValue))
            WHERE c.plumber_id = \(plumberID) AND c.status = \(ChargeStatus.succeeded.rawValue)
              AND (\(date)::date IS NULL OR c.business_date = \(date)::date) AND (\(assignmentID)::bigint IS NULL OR a.id = \(assignmentID))
            ORDER BY (l.urgency = \(Urgency.emergency.rawValue)) DESC, l.service, l.id
            """).map { row in
            let (assignment, lead, day, name, phone, email, street, city, state, zip, service, urgency, cents, currency, quality, reasons, payload,
                 credit, creditReason) = try row.decode(
                    (Int64, Int64, String, Data?, Data?, Data?, Data?, String?, String?, String?, String, String, Int64, String, Int, [String], Data,
                     Int64?, String?).self)
            let words = try LeadPayload.ownWords(payload, cipher: cipher)
            return SoldLead(
                assignmentID: assignment, leadID: lead, date: try BusinessDate(parsing: day), name: try cipher.decrypt(name) ?? "(no name given)",
                phone: try cipher.decrypt(phone) ?? "", email: try cipher.decrypt(email),
                address: AddressLine.format(street: try cipher.decrypt(street), city: city, state: state, zip: zip),
                service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible,
                price: Money(cents: cents, currency: currency), quality: quality, qualityReasons: reasons, request: words.details,
                wanted: words.when, credit: credit.map { Money(cents: $0, currency: currency) }, creditReason: creditReason)
        }
    }
}
