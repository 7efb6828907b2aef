import Foundation
import LeadModel
/// Checks email address syntax (RFC 5321 limits, dot-atom local part, host-name domain labels) and
/// lower-cases it. An internationalized domain (`user@münchen.de`) is valid and comes out in its ASCII
/// form (`user@xn--mnchen-3ya.de`, see `IDNA`), so dedup compares one form; `displayForm` gives it back in
/// Unicode.
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
        // Split on the scalar: a combining mark after `@` would join it into one Character.
        let parts = address.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        guard parts.count == 2 else { return .invalid(reason: parts.count < 2 ? "email has no @" : "email has more than one @") }
        let local = parts[0]
        guard !local.isEmpty, local.utf8.count <= 64 else { return .invalid(reason: "email local part must be 1 to 64 characters") }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            return .invalid(reason: "email local part has a misplaced dot")
        }
        guard local.allSatisfy({ $0 == "." || atext.contains($0) }) else {
            return .invalid(reason: "email local part has a character not allowed")
        }
        guard IDNA.map(parts[1]).contains(".") else { return .invalid(reason: "email domain has no dot") }
        let domain: String
        switch IDNA.toASCII(parts[1]) {
        case .success(let ascii): domain = ascii
        case .failure(let error): return .invalid(reason: error.reason)
        }
        guard domain.utf8.count + local.utf8.count + 1 <= 254 else { return .invalid(reason: "email longer than 254 characters") }
        guard let tld = domain.split(separator: ".").last, tld.count >= 2, tld.allSatisfy(\.isLetter) || tld.hasPrefix("xn--") else {
            return .invalid(reason: "email top-level domain is not valid")
        }
        return .valid(local.lowercased() + "@" + domain)
    }

    /// `address` (as `validate` returns it) with its domain in Unicode, for a person to read.
    public static func displayForm(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[...at]) + IDNA.toUnicode(String(address[address.index(after: at)...]))
    }
}
