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

/// Internationalized domains: valid, stored in their ASCII form, shown in Unicode.
@Suite struct InternationalizedEmailTests {
    @Test("an internationalized domain is valid and comes out in its ASCII form", arguments: [
        ("user@münchen.de", "user@xn--mnchen-3ya.de", "user@münchen.de"),
        ("User@MÜNCHEN.de", "user@xn--mnchen-3ya.de", "user@münchen.de"),
        ("user@xn--mnchen-3ya.de", "user@xn--mnchen-3ya.de", "user@münchen.de"),
        ("info@bücher.example", "info@xn--bcher-kva.example", "info@bücher.example"),
        ("ann@例え.テスト", "ann@xn--r8jz45g.xn--zckzah", "ann@例え.テスト"),
        ("ann@пример.рф", "ann@xn--e1afmkfd.xn--p1ai", "ann@пример.рф"),
        ("ann@ｅｘａｍｐｌｅ。com", "ann@example.com", "ann@example.com"),
    ])
    func internationalized(input: String, ascii: String, display: String) {
        #expect(EmailValidator.validate(input) == .valid(ascii))
        #expect(EmailValidator.displayForm(ascii) == display)
    }

    @Test("what cannot be a host name is refused with its reason", arguments: [
        ("user@xn--zz.de", "email domain label \"xn--zz\" is not valid Punycode"),
        ("user@mü nchen.de", "email domain label \"mü nchen\" has a character a host name cannot hold"),
        ("user@-münchen.de", "email domain label \"-münchen\" is not a valid host name"),
        ("user@\u{0301}abc.de", "email domain label \"\u{0301}abc\" starts with a combining mark"),
        ("user@ab--ü.de", "email domain label \"ab--ü\" has hyphens in the third and fourth places"),
    ])
    func refused(input: String, reason: String) {
        #expect(EmailValidator.validate(input) == .invalid(reason: reason))
    }

    @Test("Punycode both ways, as RFC 3492's samples", arguments: [
        ("münchen", "mnchen-3ya"), ("bücher", "bcher-kva"), ("例え", "r8jz45g"), ("пример", "e1afmkfd"),
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"), ("почемужеонинеговорятпорусски", "b1abfaaepdrnnbgefbadotcwatmq2g4l"),
    ])
    func punycode(unicode: String, encoded: String) {
        #expect(Punycode.encode(unicode) == encoded)
        #expect(Punycode.decode(encoded) == unicode)
    }
}
