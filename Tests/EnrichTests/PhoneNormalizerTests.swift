import Enrich
import Testing

@Suite struct PhoneNormalizerTests {
    @Test("formats seen in the wild become E.164", arguments: [
        ("p:+13125552671", "+13125552671"),
        ("(312) 555-2671", "+13125552671"),
        ("312.555.2671", "+13125552671"),
        ("+1 312 555 2671 ext. 2", "+13125552671"),
        ("1-312-555-2671", "+13125552671"),
        ("3125552671", "+13125552671"),
        ("\u{00A0}312\u{00A0}555 2671\u{00A0}", "+13125552671"),
    ])
    func valid(input: String, e164: String) {
        #expect(PhoneNormalizer.normalize(input) == .valid(e164: e164, tollFree: false))
    }

    @Test("NANP rules reject impossible numbers with a reason", arguments: [
        ("", "phone missing"),
        ("312555267", "phone has 9 digits, expected 10"),
        ("(112) 555-2671", "area code cannot start with 0 or 1"),
        ("(312) 155-2671", "exchange cannot start with 0 or 1"),
        ("(411) 555-2671", "N11 code 411 is not an area code"),
        ("(312) 911-2671", "N11 code 911 is not an exchange"),
        ("(312) 555-0123", "555-01XX numbers are fictional"),
        ("+44 20 7946 0958", "not a North American number"),
        ("call me", "phone has letters or symbols"),
    ])
    func invalid(input: String, reason: String) {
        #expect(PhoneNormalizer.normalize(input) == .invalid(reason: reason))
    }

    @Test func tollFreeIsFlagged() {
        #expect(PhoneNormalizer.normalize("800-555-2671") == .valid(e164: "+18005552671", tollFree: true))
    }
}
