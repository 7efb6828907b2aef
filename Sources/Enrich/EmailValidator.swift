import Foundation
import LeadModel
/// Checks email address syntax (RFC 5321 limits, dot-atom local part, LDH domain labels) and lower-cases it.
public enum EmailValidator {
    /// The outcome of checking one address.
    public enum Result: Sendable, Equatable {
        case valid(String)
        case invalid(reason: String)
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")

    public static func validate(_ text: String) -> Result {
        let address = FastText.trimmed(text)
        guard !address.isEmpty else { return .invalid(reason: "email missing") }
        guard address.utf8.count <= 254 else { return .invalid(reason: "email longer than 254 characters") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .invalid(reason: parts.count < 2 ? "email has no @" : "email has more than one @") }
        let local = parts[0], domain = parts[1].lowercased()
        guard !local.isEmpty, local.utf8.count <= 64 else { return .invalid(reason: "email local part must be 1 to 64 characters") }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            return .invalid(reason: "email local part has a misplaced dot")
        }
        guard local.allSatisfy({ $0 == "." || atext.contains($0) }) else {
            return .invalid(reason: "email local part has a character not allowed")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return .invalid(reason: "email domain has no dot") }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else { return .invalid(reason: "email domain has an empty or long label") }
            guard label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                  label.first != "-", label.last != "-"
            else { return .invalid(reason: "email domain label \"\(label)\" is not a valid host name") }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else {
            return .invalid(reason: "email top-level domain is not valid")
        }
        return .valid(local.lowercased() + "@" + domain)
    }
}
