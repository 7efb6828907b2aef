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
        ("tel:+1-364-401-5008", "+13644015008"),
        ("TEL:+1-312-555-2671;ext=22", "+13125552671"),
        ("011 1 602 474 3646", "+16024743646"),
        ("01116024743646", "+16024743646"),
        ("557.808.1333", "+15578081333"),
    ])
    func valid(input: String, e164: String) {
        guard case .valid(let number, let area) = PhoneNormalizer.normalize(input) else {
            Issue.record("\(input) was refused: \(PhoneNormalizer.normalize(input))")
            return
        }
        #expect(number == e164)
        #expect(area.code == String(e164.dropFirst(2).prefix(3)))
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
        ("011 44 20 7946 0958", "not a North American number"),
        ("call me", "phone has letters or symbols"),
        ("tel:call-me", "phone has letters or symbols"),
        ("900-555-2671", "premium-rate number (900): the caller pays to reach it"),
    ])
    func invalid(input: String, reason: String) {
        #expect(PhoneNormalizer.normalize(input) == .invalid(reason: reason))
    }

    @Test("an area code no one has been given is refused", arguments: [
        ("969-555-5098", "969"), ("(677) 491-0489", "677"), ("390-522-9239", "390"), ("+1 981 317 9619", "981"),
    ])
    func unassigned(input: String, code: String) {
        #expect(PhoneNormalizer.normalize(input) == .invalid(reason: "area code \(code) is not in service"))
    }

    @Test("numbers of other NANP members come with their country, region and time zone", arguments: [
        ("1-403-250-9989", "CA", ["AB"], "America/Edmonton"),
        ("(876) 827-1093", "JM", ["JM"], "America/Jamaica"),
        ("829 625 4329", "DO", ["DO"], "America/Santo_Domingo"),
        ("+1 264 451 7758", "AI", ["AI"], "America/Anguilla"),
        ("(787) 555-2671", "PR", ["PR"], "America/Puerto_Rico"),
        ("(312) 555-2671", "US", ["IL"], "America/Chicago"),
    ])
    func region(input: String, country: String, regions: [String], zone: String) {
        guard case .valid(_, let area) = PhoneNormalizer.normalize(input) else {
            Issue.record("\(input) was refused")
            return
        }
        #expect(area.country == country)
        #expect(area.regions == regions)
        #expect(area.timeZones.contains(zone))
        #expect(area.isGeographic)
    }

    @Test func tollFreeIsNonGeographic() {
        guard case .valid(let e164, let area) = PhoneNormalizer.normalize("800-555-2671") else {
            Issue.record("toll-free refused")
            return
        }
        #expect(e164 == "+18005552671")
        #expect(area.kind == .tollFree && area.country == "NANP" && area.timeZones.isEmpty)
    }
}
