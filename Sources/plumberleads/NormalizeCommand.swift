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
        var tollFree: Bool?
        var reasons: [String] = []

        init(_ text: String) {
            input = text
            switch PhoneNormalizer.normalize(text) {
            case .valid(let e164, let tollFree):
                self.e164 = e164
                self.tollFree = tollFree
            case .invalid(let reason):
                reasons = [reason]
            }
        }
    }

    struct EmailReport: Encodable {
        var input: String
        var normalized: String?
        var suggestedDomain: String?
        var disposable: Bool?
        var roleAccount: Bool?
        var reasons: [String] = []

        init(_ text: String) {
            input = text
            switch EmailValidator.validate(text) {
            case .valid(let address):
                normalized = address
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
