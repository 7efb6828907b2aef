import Foundation
import LeadModel

/// Turns a raw lead into a clean one: contact data normalized, place checked, job classified.
///
/// A lead is sellable when it has a valid phone and a ZIP that agrees with its state, and is not a
/// platform test lead; everything else found is kept as a note.
public struct LeadEnricher: Sendable {
    public var classifier: ServiceClassifier

    public init(classifier: ServiceClassifier = .standard) {
        self.classifier = classifier
    }

    public func enrich(_ raw: RawLead) -> Lead {
        var problems: [String] = []
        var notes: [String] = []
        if raw.isTest { problems.append("test lead") }

        var phone: String?
        switch PhoneNormalizer.normalize(raw.answers[.phone] ?? "") {
        case .valid(let e164, let tollFree):
            phone = e164
            if tollFree { notes.append("toll-free phone") }
        case .invalid(let reason):
            problems.append(reason)
        }

        var email: String?
        if let text = raw.answers[.email] {
            switch EmailValidator.validate(text) {
            case .valid(let address): email = address
            case .invalid(let reason): notes.append(reason)
            }
        }

        let zip = raw.answers[.zip].map { String(FastText.trimmed($0).prefix(5)) }
        var state = raw.answers[.state].flatMap(StateNames.code(for:))
        if raw.answers[.state] != nil, state == nil { notes.append("state not recognized") }
        if let zip, zip.count == 5, zip.allSatisfy(\.isNumber), let zipState = ZIPPrefixDirectory.state(forZIP: zip) {
            if let given = state, given != zipState {
                problems.append("ZIP \(zip) is in \(zipState), not \(given)")
            }
            state = state ?? zipState
        } else {
            problems.append(zip == nil ? "ZIP missing" : "ZIP is not a US ZIP code")
        }

        let service = classifier.service(answer: raw.answers[.service], details: raw.answers[.details])
        let urgency = classifier.urgency(answer: raw.answers[.urgency], details: raw.answers[.details], service: service)
        return Lead(
            name: raw.fullName, phone: phone, email: email, street: raw.answers[.street],
            city: raw.answers[.city], state: state, zip: zip, service: service, urgency: urgency,
            problems: problems, notes: notes)
    }
}
