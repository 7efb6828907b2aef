import Foundation
import LeadModel

/// Turns a raw lead into a clean one: contact data normalized, address standardized and placed on the
/// ZIP directory, job classified, quality scored.
///
/// A lead is sellable when it has a valid phone of a NANP member we sell (by default the United States
/// and its territories) and a known US ZIP that agrees with its state, and is not a platform test lead;
/// everything else found is kept as a note and in the quality score. A lead without a street can still
/// be sold by ZIP.
public struct LeadEnricher: Sendable {
    public var classifier: ServiceClassifier
    public var directory: ZIPDirectory
    public var numbering: NANPDirectory
    /// The NANP members whose phones are sold (ISO codes); a toll-free number belongs to none and is sold.
    public var phoneCountries: Set<String>

    public init(
        classifier: ServiceClassifier = .standard, directory: ZIPDirectory = .shipped, numbering: NANPDirectory = .shipped,
        phoneCountries: Set<String> = NANPDirectory.unitedStatesAndTerritories
    ) {
        self.classifier = classifier
        self.directory = directory
        self.numbering = numbering
        self.phoneCountries = phoneCountries
    }

    public func enrich(_ raw: RawLead) -> Lead {
        enrichWithAddress(raw).lead
    }

    /// The lead and its street's parsed parts (nil when it had no street or it did not parse), which dedup
    /// needs and would otherwise parse again.
    public func enrichWithAddress(_ raw: RawLead) -> (lead: Lead, address: StandardAddress?) {
        var parsedAddress: StandardAddress?
        var problems: [String] = []
        var notes: [String] = []
        var quality = QualityScore()

        var phone: String?
        var phoneArea: AreaCode?
        switch PhoneNormalizer.normalize(raw.answers[.phone] ?? "", directory: numbering) {
        case .valid(let e164, let area):
            phone = e164
            phoneArea = area
            if area.isGeographic, !phoneCountries.contains(area.country) {
                let reason = "phone in \(area.countryName) (area code \(area.code)): outside the regions sold"
                problems.append(reason)
                quality.deduct(60, reason)
            } else if area.kind == .tollFree {
                notes.append("toll-free phone")
                quality.deduct(15, "toll-free phone, not a personal line")
            } else if area.kind == .personal {
                notes.append("personal (5XX) number, not tied to a place")
                quality.deduct(10, "personal number, no home area")
            } else {
                quality.deduct(5, "phone line type unknown (mobile or landline not verified)")
            }
        case .invalid(let reason):
            problems.append(reason)
            quality.deduct(60, reason)
        }

        var email: String?
        switch raw.answers[.email].map(EmailValidator.validate) {
        case .valid(let address)?:
            email = address
            let insights = EmailInsights(address: address)
            notes += insights.notes
            if insights.suggestedDomain != nil { quality.deduct(5, "email domain may be misspelled") }
            if insights.disposable { quality.deduct(15, "disposable email") }
            if insights.roleAccount { quality.deduct(5, "role email account") }
        case .invalid(let reason)?:
            notes.append(reason)
            quality.deduct(10, "no usable email")
        case nil:
            quality.deduct(10, "no email")
        }

        var street: String?
        if let text = raw.answers[.street], !FastText.trimmed(text).isEmpty {
            switch AddressNormalizer.normalize(text) {
            case .standard(let address):
                street = address.line
                parsedAddress = address
                if address.poBox != nil {
                    notes.append("PO box given as the street")
                    quality.deduct(20, "PO box, not where the work is")
                }
            case .unparseable(let reason):
                street = FastText.trimmed(text)
                notes.append("address not standardized: \(reason)")
                quality.deduct(10, "address not standardized")
            }
        } else {
            notes.append("no street address: placed by ZIP only")
            quality.deduct(15, "no street address")
        }

        let city = raw.answers[.city].map(AddressNormalizer.cleanCity).flatMap { $0.isEmpty ? nil : $0 }
        let state = raw.answers[.state].flatMap(StateNames.code(for:))
        if let given = raw.answers[.state], !FastText.trimmed(given).isEmpty, state == nil { notes.append("state not recognized") }
        let zipText = raw.answers[.zip].map(FastText.trimmed) ?? ""
        var (zip, zip4) = AddressNormalizer.splitZIP(zipText)
        if zip == nil, let restored = directory.restoringLeadingZeros(zipText.hasPrefix("z:") ? String(zipText.dropFirst(2)) : zipText, state: state) {
            zip = restored
            notes.append("ZIP \(zipText) read as \(restored): its leading zero was lost")
        }
        let place = directory.place(zip: zip, zipGiven: !zipText.isEmpty, city: city, state: state)
        if place.filled {
            notes.append("ZIP filled in from city and state")
            quality.deduct(5, "ZIP filled in from city and state")
        }
        if let entry = place.entry, entry.kind != .standard { notes.append("ZIP \(entry.zip) is a \(entry.kind.rawValue.lowercased()) ZIP") }
        problems += place.problems
        // A contradicting state is a problem of its own; an unknown or missing ZIP also costs quality.
        if place.entry == nil { quality.deduct(30, place.problems[0]) }

        if raw.isTest {
            problems.append("test lead")
            quality.zero("platform test lead")
        }
        let service = classifier.service(answer: raw.answers[.service], details: raw.answers[.details])
        let urgency = classifier.urgency(answer: raw.answers[.urgency], details: raw.answers[.details], service: service)
        let lead = Lead(
            name: raw.fullName, phone: phone, email: email, street: street, city: city, state: place.state, zip: place.zip,
            zip4: zip4, timeZone: place.timeZone, service: service, urgency: urgency, problems: problems, notes: notes,
            quality: quality.value, qualityReasons: quality.reasons, phoneCountry: phoneArea?.country,
            phoneTimeZone: phoneArea.flatMap { Self.timeZone(of: $0, zipZone: place.timeZone) })
        return (lead, parsedAddress)
    }

    /// The area code's zone: its only one, or the ZIP's when the code spans several and it is one of them,
    /// else the first listed.
    static func timeZone(of area: AreaCode, zipZone: String?) -> String? {
        if area.timeZones.count > 1, let zipZone, area.timeZones.contains(zipZone) { return zipZone }
        return area.timeZones.first
    }
}
