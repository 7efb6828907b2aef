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
