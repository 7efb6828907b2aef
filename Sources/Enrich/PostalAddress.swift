import Foundation

/// A whole one-line US address (`1429 West Addison Street Apt 4B, Chicago, IL 60613-1234`) taken apart,
/// standardized and placed on the ZIP directory — what `plumberleads normalize address` reports.
public struct PostalAddress: Sendable, Codable, Equatable {
    public var input: String
    /// The delivery line in USPS form, or nil when it could not be parsed.
    public var standard: String?
    public var parts: StandardAddress?
    public var city: String?
    public var state: String?
    public var zip: String?
    public var zip4: String?
    public var timeZone: String?
    public var reasons: [String]

    public init(parsing text: String, directory: ZIPDirectory = .shipped) {
        input = text
        reasons = []
        var pieces = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // The last piece ends with "STATE ZIP" (or holds only them); what is left of it is the city.
        var tail = pieces.count > 1 ? AddressNormalizer.tokenize(pieces.removeLast()) : []
        // A ZIP of three or four digits lost its leading zeros in a spreadsheet (`3266`); the state decides below.
        var shortZIP: String?
        if let last = tail.last, AddressNormalizer.splitZIP(last).zip != nil {
            (zip, zip4) = AddressNormalizer.splitZIP(last)
            tail.removeLast()
        } else if let last = tail.last, tail.count >= 2, (3...4).contains(last.count), last.allSatisfy(\.isNumber) {
            shortZIP = last
            tail.removeLast()
        }
        for length in [2, 1] where tail.count >= length {
            if let code = StateNames.code(for: tail.suffix(length).joined(separator: " ")) {
                state = code
                tail.removeLast(length)
                break
            }
        }
        if !tail.isEmpty { pieces.append(tail.joined(separator: " ")) }
        if pieces.count >= 2 { city = AddressNormalizer.cleanCity(pieces.removeLast()) }
        if let shortZIP {
            if let restored = directory.restoringLeadingZeros(shortZIP, state: state) {
                zip = restored
                reasons.append("ZIP \(shortZIP) read as \(restored): its leading zero was lost")
            } else {
                reasons.append("ZIP \(shortZIP) has \(shortZIP.count) digits and no ZIP of \(state ?? "the state") starts with zeros before it")
            }
        }
        switch AddressNormalizer.normalize(pieces.joined(separator: " ")) {
        case .standard(let address):
            parts = address
            standard = address.line
        case .unparseable(let reason):
            reasons.append(reason)
        }
        let place = directory.place(zip: zip, zipGiven: zip != nil || shortZIP != nil, city: city, state: state)
        (zip, state, timeZone) = (place.zip, place.state, place.timeZone)
        if place.filled { reasons.append("ZIP filled in from city and state") }
        reasons += place.problems
        guard let entry = place.entry, let zip else { return }
        if let city, city != entry.city, !entry.otherCities.contains(city) {
            reasons.append("city \(city) is not a USPS name for ZIP \(zip) (\(entry.city))")
        }
    }
}
