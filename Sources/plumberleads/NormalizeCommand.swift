import ArgumentParser
import Enrich
import Foundation

/// `plumberleads normalize phone|email|address`: one value per line on stdin, one JSON object per line out,
/// with the normalized form, its parts and the reasons — how ops answer "why was this lead rejected?".
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize phones, emails or addresses read one per line from stdin; print one JSON object per line.")

    enum Kind: String, ExpressibleByArgument, CaseIterable { case phone, email, address }

    @Argument(help: "What the lines hold: phone, email or address.")
    var kind: Kind

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        while let line = readLine(strippingNewline: true) {
            let data: Data
            switch kind {
            case .phone: data = try encoder.encode(PhoneReport(line))
            case .email: data = try encoder.encode(EmailReport(line))
            case .address: data = try encoder.encode(PostalAddress(parsing: line))
            }
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }

    struct PhoneReport: Encodable {
        var input: String
        var e164: String?
        /// The NANP member (`US`, `CA`, `JM`…; `NANP` for a non-geographic code) and its name.
        var country: String?
        var countryName: String?
        /// The states or provinces the area code serves.
        var regions: [String]?
        var kind: String?
        var timeZones: [String]?
        var tollFree: Bool?
        var reasons: [String] = []

        init(_ text: String) {
            input = text
            switch PhoneNormalizer.normalize(text) {
            case .valid(let e164, let area):
                self.e164 = e164
                (country, countryName, regions, kind, timeZones) = (area.country, area.countryName, area.regions, area.kind.rawValue, area.timeZones)
                tollFree = area.kind == .tollFree
                if area.isGeographic, !NANPDirectory.unitedStatesAndTerritories.contains(area.country) {
                    reasons = ["outside the United States and its territories: not sold unless the pipeline's phone_regions lists \(area.country)"]
                }
            case .invalid(let reason):
                reasons = [reason]
            }
        }
    }

    struct EmailReport: Encodable {
        var input: String
        /// The address as stored and compared: lower case, an internationalized domain in its ASCII (`xn--`) form.
        var normalized: String?
        /// The same address as a person reads it (the domain in Unicode), when it differs.
        var display: String?
        var suggestedDomain: String?
        var disposable: Bool?
        var roleAccount: Bool?
        var reasons: [String] = []

        init(_ text: String) {
            input = text
            switch EmailValidator.validate(text) {
            case .valid(let address):
                normalized = address
                let shown = EmailValidator.displayForm(address)
                display = shown == address ? nil : shown
                let insights = EmailInsights(address: address)
                suggestedDomain = insights.suggestedDomain
                disposable = insights.disposable
                roleAccount = insights.roleAccount
                reasons = insights.notes
            case .invalid(let reason):
                reasons = [reason]
            }
        }
    }
}
