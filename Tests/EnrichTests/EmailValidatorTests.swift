import Enrich
import Testing

@Suite struct EmailValidatorTests {
    @Test("valid addresses are lower-cased", arguments: [
        ("Ann.Lee@Example.COM", "ann.lee@example.com"),
        ("o'brien+plumbing@mail.example.org", "o'brien+plumbing@mail.example.org"),
        (" x@y.io ", "x@y.io"),
    ])
    func valid(input: String, normalized: String) {
        #expect(EmailValidator.validate(input) == .valid(normalized))
    }

    @Test("syntax errors have reasons", arguments: [
        "", "no-at-sign.example.com", "a@b@c.com", ".lead@example.com", "a..b@example.com", "a@localhost",
        "a@-bad.com", "a@example.c0m", "a b@example.com", "a@exa_mple.com",
    ])
    func invalid(input: String) {
        guard case .invalid(let reason) = EmailValidator.validate(input) else {
            Issue.record("\(input) should be invalid")
            return
        }
        #expect(!reason.isEmpty)
    }
}

@Suite struct EmailInsightsTests {
    @Test("misspelled popular domains are suggested, not changed", arguments: [
        ("ann@gmial.com", "gmail.com"), ("ann@gmai.com", "gmail.com"), ("ann@gmail.con", "gmail.com"), ("ann@gmial.co", "gmail.com"),
        ("ann@yaho.com", "yahoo.com"), ("ann@hotmial.com", "hotmail.com"), ("ann@outlok.com", "outlook.com"),
        ("ann@comcast.ner", "comcast.net"), ("ann@gamil.co", "gmail.com"),
    ])
    func suggestions(address: String, domain: String) {
        #expect(EmailInsights(address: address).suggestedDomain == domain)
    }

    @Test("real domains get no suggestion", arguments: ["ann@gmail.com", "ann@acme-plumbing.com", "ann@mail.com", "ann@aol.com"])
    func noSuggestion(address: String) {
        #expect(EmailInsights(address: address).suggestedDomain == nil)
    }

    @Test func disposableAndRoleAccounts() {
        let insights = EmailInsights(address: "info@mailinator.com")
        #expect(insights.disposable && insights.roleAccount)
        #expect(insights.notes == ["disposable email domain", "role email account"])
        #expect(!EmailInsights(address: "ann.lee@gmail.com").roleAccount)
    }
}

@Suite struct StringSimilarityTests {
    @Test("edit distance counts a transposition as one", arguments: [
        ("gmial", "gmail", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0), ("ca", "abc", 3),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(StringSimilarity.editDistance(a, b) == expected)
    }
}
