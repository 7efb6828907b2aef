/// What a valid email address says beyond its syntax: a likely misspelled domain (suggested, never
/// changed), a disposable-mail domain, a role account rather than a person.
public struct EmailInsights: Sendable, Equatable {
    /// The domain the customer probably meant (`gmial.com` → `gmail.com`).
    public var suggestedDomain: String?
    public var disposable: Bool
    /// `info@`, `sales@` …: reaches a team, not the customer.
    public var roleAccount: Bool

    static let popularDomains = [
        "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com", "comcast.net", "msn.com",
        "live.com", "att.net", "sbcglobal.net", "verizon.net", "me.com", "ymail.com", "protonmail.com", "charter.net",
        "cox.net", "bellsouth.net",
    ]

    /// Real mail domains a single edit away from a popular one (`mail.com` is not a misspelled `gmail.com`).
    static let otherRealDomains: Set<String> = [
        "mail.com", "gmx.com", "gmx.net", "email.com", "zoho.com", "aim.com", "hey.com", "fastmail.com", "pm.me",
        "earthlink.net", "frontier.com", "windstream.net", "optonline.net", "roadrunner.com", "juno.com", "netzero.net",
        "live.ca", "att.com", "cox.com", "msn.cn",
    ]

    /// Misspellings too far from their domain for an edit distance of 1.
    static let knownTypos: [String: String] = [
        "gmai.co": "gmail.com", "gamil.co": "gmail.com", "hotmai.co": "hotmail.com", "yahooo.co": "yahoo.com",
        "gmial.co": "gmail.com",
    ]

    static let disposableDomains: Set<String> = [
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com", "tempmail.com",
        "temp-mail.org", "yopmail.com", "trashmail.com", "getnada.com", "dispostable.com", "maildrop.cc", "throwawaymail.com",
        "fakeinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com", "burnermail.io", "spamgourmet.com", "mailnesia.com",
        "tempr.email", "discard.email", "mailcatch.com", "33mail.com", "spambox.us", "tempinbox.com",
    ]

    static let roleNames: Set<String> = [
        "admin", "info", "sales", "support", "office", "contact", "billing", "noreply", "no-reply", "webmaster",
        "postmaster", "hello", "team", "help", "service", "accounts", "marketing", "hr",
    ]

    /// Insights for an address `EmailValidator` accepted (lower-case `local@domain`).
    public init(address: String) {
        let parts = address.split(separator: "@")
        let local = parts.first.map(String.init) ?? "", domain = parts.count == 2 ? String(parts[1]) : ""
        disposable = Self.disposableDomains.contains(domain)
        roleAccount = Self.roleNames.contains(local)
        if Self.popularDomains.contains(domain) || Self.otherRealDomains.contains(domain) || disposable {
            suggestedDomain = nil
        } else if let known = Self.knownTypos[domain] {
            suggestedDomain = known
        } else {
            // One edit changes the length by one at most: skip the distance for the rest.
            let length = domain.utf8.count
            suggestedDomain = Self.popularDomains.first { abs($0.utf8.count - length) <= 1 && StringSimilarity.editDistance($0, domain) == 1 }
        }
    }

    /// Notes to keep on the lead.
    public var notes: [String] {
        var notes: [String] = []
        if let suggestedDomain { notes.append("email domain may be misspelled (did they mean \(suggestedDomain)?)") }
        if disposable { notes.append("disposable email domain") }
        if roleAccount { notes.append("role email account") }
        return notes
    }
}
