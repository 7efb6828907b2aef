import Crypto
import Foundation
import LeadModel

/// What a signed link in a digest asks the report server to record: a plumber's word about a lead
/// (won the job, no answer, wrong number, a credit request), or a one-click unsubscribe.
public enum LinkAction: String, Sendable, Hashable, CaseIterable {
    case won
    case noAnswer = "no-answer"
    case wrongNumber = "wrong-number"
    case credit
    case unsubscribe

    /// The words a digest shows for it.
    public var label: String {
        switch self {
        case .won: "Won the job"
        case .noAnswer: "No answer"
        case .wrongNumber: "Wrong number"
        case .credit: "Ask for a credit"
        case .unsubscribe: "Unsubscribe"
        }
    }
}

/// A link's verified content.
public struct SignedLink: Sendable, Hashable {
    public var action: LinkAction
    /// The assignment a lead action is about, or the plumber (row id) an unsubscribe is for: ids only,
    /// never a name, phone or email.
    public var subject: Int64
    public var expires: Date

    public init(action: LinkAction, subject: Int64, expires: Date) {
        (self.action, self.subject, self.expires) = (action, subject, expires)
    }
}

/// Why a link is refused.
public enum LinkError: Error, Sendable, Equatable {
    case malformed, forged, expired
}

/// Makes and checks the signed links of digests, for the notify stage that writes them and the report
/// server that answers them: `https://host/l/ACTION?s=SUBJECT&e=EXPIRY&sig=…`, the signature an
/// HMAC-SHA256 over the version, action, subject and expiry under the link key, compared in constant
/// time. A link carries no personal data; changing any part of it, or using it after `e`, is refused.
public struct LinkSigner: Sendable {
    private let key: SymmetricKey
    /// Where the report server answers (`https://leads.example.com`).
    public let base: URL

    public init(key: Secret, base: URL) {
        self.key = SymmetricKey(data: Data(key.exposed.utf8))
        self.base = base
    }

    /// The link for `action` on `subject`, valid until `expires`.
    public func link(_ action: LinkAction, subject: Int64, expires: Date) -> URL {
        let expiry = Int64(expires.timeIntervalSince1970)
        var components = URLComponents(url: base.appendingPathComponent("l").appendingPathComponent(action.rawValue), resolvingAgainstBaseURL: false)!
        components.queryItems = [
            URLQueryItem(name: "s", value: String(subject)), URLQueryItem(name: "e", value: String(expiry)),
            URLQueryItem(name: "sig", value: signature(action, subject, expiry)),
        ]
        return components.url!
    }

    /// What `url` says, once its signature and expiry are checked at `now`.
    public func verify(_ url: URL, now: Date) -> Result<SignedLink, LinkError> {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), components.path.hasPrefix("/l/"),
              let action = LinkAction(rawValue: String(components.path.dropFirst(3)))
        else { return .failure(.malformed) }
        let items = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        guard let subjectText = items["s"], let subject = Int64(subjectText), let expiryText = items["e"], let expiry = Int64(expiryText),
              let given = items["sig"], components.queryItems?.count == 3
        else { return .failure(.malformed) }
        let expected = signature(action, subject, expiry)
        guard Self.constantTimeEqual(Array(given.utf8), Array(expected.utf8)) else { return .failure(.forged) }
        let expires = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard now < expires else { return .failure(.expired) }
        return .success(SignedLink(action: action, subject: subject, expires: expires))
    }

    private func signature(_ action: LinkAction, _ subject: Int64, _ expiry: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("v1|\(action.rawValue)|\(subject)|\(expiry)".utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
