import Foundation

/// Internationalized domain names (IDNA 2008 with UTS 46 mapping): `münchen.de` ⇄ `xn--mnchen-3ya.de`.
/// The ASCII form is what is stored and compared (dedup sees one domain however it was typed); the
/// Unicode form is what a person reads.
///
/// Implemented here: the UTS 46 mapping a person's typing needs (compatibility forms and full-width
/// dots folded by NFKC, lower case), the label rules (letters, marks, digits and hyphens; no hyphen
/// at either end or in the third and fourth places unless `xn--`; no label starting with a mark; at
/// most 63 bytes), and Punycode both ways, with an `xn--` label checked by decoding it. Not implemented:
/// the bidirectional and CONTEXTJ rules, which concern right-to-left scripts and joiners that lead
/// forms here do not carry.
public enum IDNA {
    /// The ASCII form of `domain`, or why it is not a valid host name.
    public static func toASCII(_ domain: String) -> Result<String, InvalidDomain> {
        let mapped = map(domain)
        var labels: [String] = []
        for label in mapped.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard !label.isEmpty else { return .failure(InvalidDomain(reason: "email domain has an empty label")) }
            if label.allSatisfy(\.isASCII) {
                if label.hasPrefix("xn--") {
                    guard let decoded = Punycode.decode(String(label.dropFirst(4))), !decoded.allSatisfy(\.isASCII),
                          checkUnicode(decoded) == nil, Punycode.encode(decoded) == String(label.dropFirst(4))
                    else { return .failure(InvalidDomain(reason: "email domain label \"\(label)\" is not valid Punycode")) }
                } else if let problem = checkASCII(label) {
                    return .failure(InvalidDomain(reason: problem))
                }
                labels.append(label)
            } else {
                if let problem = checkUnicode(label) { return .failure(InvalidDomain(reason: problem)) }
                guard let encoded = Punycode.encode(label) else { return .failure(InvalidDomain(reason: "email domain label \"\(label)\" is too long")) }
                labels.append("xn--" + encoded)
            }
            guard labels.last!.utf8.count <= 63 else { return .failure(InvalidDomain(reason: "email domain has an empty or long label")) }
        }
        return .success(labels.joined(separator: "."))
    }

    /// The Unicode form of an ASCII domain: each valid `xn--` label decoded, the others as they are.
    public static func toUnicode(_ domain: String) -> String {
        domain.split(separator: ".", omittingEmptySubsequences: false).map { label in
            guard label.hasPrefix("xn--"), let decoded = Punycode.decode(String(label.dropFirst(4))) else { return String(label) }
            return decoded
        }.joined(separator: ".")
    }

    /// Full-width and ideographic dots to `.`, compatibility forms folded (NFKC), lower case, composed (NFC).
    static func map(_ domain: String) -> String {
        let dots = domain.replacingOccurrences(of: "\u{3002}", with: ".").replacingOccurrences(of: "\u{FF0E}", with: ".")
            .replacingOccurrences(of: "\u{FF61}", with: ".")
        return dots.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCanonicalMapping
    }

    static func checkASCII(_ label: String) -> String? {
        guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), label.first != "-", label.last != "-" else {
            return "email domain label \"\(label)\" is not a valid host name"
        }
        return nil
    }

    static func checkUnicode(_ label: String) -> String? {
        let scalars = Array(label.unicodeScalars)
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .otherLetter, .modifierLetter, .titlecaseLetter, .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber:
                true
            default: scalar == "-"
            }
        }
        guard scalars.allSatisfy(allowed) else { return "email domain label \"\(label)\" has a character a host name cannot hold" }
        if let first = scalars.first, [.nonspacingMark, .spacingMark, .enclosingMark].contains(first.properties.generalCategory) {
            return "email domain label \"\(label)\" starts with a combining mark"
        }
        guard label.first != "-", label.last != "-" else { return "email domain label \"\(label)\" is not a valid host name" }
        if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" { return "email domain label \"\(label)\" has hyphens in the third and fourth places" }
        return nil
    }

    /// A domain that cannot be a host name, and why.
    public struct InvalidDomain: Error, Equatable, Sendable {
        public var reason: String
    }
}
