import Enrich
import LeadModel
import Testing

@Suite struct DedupRulesTests {
    @Test("American Soundex", arguments: [
        ("Robert", "R163"), ("Rupert", "R163"), ("Smith", "S530"), ("Smyth", "S530"), ("Tymczak", "T522"),
        ("Ashcraft", "A261"), ("Pfister", "P236"), ("Lee", "L000"), ("O'Brien", "O165"),
    ])
    func soundex(name: String, code: String) {
        #expect(Soundex.code(name) == code)
    }

    @Test func soundexOfNoLetters() {
        #expect(Soundex.code("1234") == nil)
    }

    @Test("names as people type them", arguments: [
        ("Robert Smith", "robert", "smith", nil),
        ("Smith, Robert J.", "robert", "smith", nil),
        ("ROBERT J SMITH JR.", "robert", "smith", "jr"),
        ("Dr. José García-López", "jose", "garcialopez", nil),
        ("Mary O'Brien", "mary", "obrien", nil),
        ("Kowalski", nil, "kowalski", nil),
        ("Smith, Jr.", nil, "smith", "jr"),
    ] as [(String, String?, String, String?)])
    func personName(text: String, first: String?, last: String, suffix: String?) {
        #expect(PersonName(text) == PersonName(first: first, last: last, suffix: suffix))
    }

    @Test func noLettersIsNoName() {
        #expect(PersonName("  --  ") == nil)
    }

    @Test("nicknames", arguments: [
        ("bob", "robert", true), ("bob", "rob", true), ("bill", "william", true), ("sam", "samantha", true),
        ("sam", "samuel", true), ("samuel", "samantha", false), ("jack", "john", true), ("mark", "mary", false),
    ])
    func nicknames(a: String, b: String, equivalent: Bool) {
        #expect(Nicknames.equivalent(a, b) == equivalent)
        #expect(Nicknames.equivalent(b, a) == equivalent)
    }

    static func profile(
        _ id: Int64, _ name: String, phone: String = "+13125550100", email: String? = nil, street: String? = "1429 W ADDISON ST",
        zip: String = "60613", service: ServiceType = .leak
    ) -> DedupProfile {
        DedupProfile(id: id, service: service, zip: zip, phone: phone, email: email, name: name, street: street)
    }

    @Test func swappedNamesAndNicknamesShareANameKey() {
        let keys = { (p: DedupProfile) in Set(p.keys.filter { $0.kind == .nameInZIP }) }
        let robert = keys(Self.profile(1, "Robert Smith"))
        #expect(!robert.isDisjoint(with: keys(Self.profile(2, "Smith Robert"))))
        #expect(!robert.isDisjoint(with: keys(Self.profile(3, "Bob Smyth"))))
        #expect(robert.isDisjoint(with: keys(Self.profile(4, "Mary Smith"))))
    }

    @Test func keysAreTheBlocksTheIssueNames() {
        let kinds = Self.profile(1, "Robert Smith", email: "bob@example.com").keys.map(\.kind)
        #expect(Set(kinds) == Set(DedupKey.Kind.allCases))
        // No street, no address key; the name keys need a ZIP and an area code.
        #expect(!Self.profile(1, "Robert Smith", street: nil).keys.contains { $0.kind == .address })
    }

    /// Pairs of leads (the later first) and whether they are the same person, with the evidence.
    @Test("same person or not", arguments: [
        // Exact contact data ties them whatever else differs.
        (profile(2, "Bob Smith", phone: "+13125550100"), profile(1, "Robert Smith", phone: "+13125550100"), true, "same name, same address, same phone"),
        (profile(2, "R Smith", phone: "+17735550100", email: "rs@example.com"), profile(1, "Robert Smith", phone: "+13125550100", email: "rs@example.com"), true, "same family name, first name incomplete, same address, another phone, same email"),
        // A typo-close phone with the name.
        (profile(2, "Robert Smtih", phone: "+13125551000"), profile(1, "Robert Smith", phone: "+13125550100"), true, "name spelled differently, same address, phone with two digits transposed"),
        (profile(2, "Smith Robert", phone: "+13125550109", street: nil), profile(1, "Robert Smith"), true, "same name (first and last swapped), phone one digit off"),
        // Same name and house, another phone: the same person, unless a second email contradicts.
        (profile(2, "ROBERT SMITH", phone: "+17735559999", street: "1429 W ADDISON"), profile(1, "Robert Smith"), true, "same name, same address, another phone"),
        (profile(2, "Robert Smith", phone: "+17735559999", email: "a@example.com"), profile(1, "Robert Smith", email: "b@example.com"), false, "same name, same address, another phone"),
        (profile(2, "Robert Smith", phone: "+17735559999", street: "1249 W ADDISON ST"), profile(1, "Robert Smith"), true, "same name, house number with two digits swapped, another phone"),
        // A slip in the family name still ties the house; one in the first name does not (twins Carla and Karla).
        (profile(2, "Nancy Riera", phone: "+17735559999"), profile(1, "Nancy Rivera"), true, "name spelled differently, same address, another phone"),
        (profile(2, "Karla Smith", phone: "+17735559999"), profile(1, "Carla Smith"), false, "name spelled differently, same address, another phone"),
        // Look-alikes that must stay apart.
        (profile(2, "Mary Smith", phone: "+17735559999"), profile(1, "Mark Smith"), false, "same family name, another first name, same address, another phone"),
        (profile(2, "Daniela Smith", phone: "+17735559999"), profile(1, "Daniel Smith"), false, "same family name, another first name, same address, another phone"),
        (profile(2, "Robert Smith Jr", phone: "+17735559999"), profile(1, "Robert Smith Sr"), false, "same family name, another first name, same address, another phone"),
        (profile(2, "John Lee", phone: "+17735559999", street: "1429 W ADDISON ST APT 2"), profile(1, "John Lee", street: "1429 W ADDISON ST APT 3"), false, "same name, another unit, another phone"),
        (profile(2, "John Lee", phone: "+17735559999", street: "1431 W ADDISON ST"), profile(1, "John Lee"), false, "same name, another address, another phone"),
        (profile(2, "John Lee", phone: "+17735559999", street: "1429 E ADDISON ST"), profile(1, "John Lee"), false, "same name, another address, another phone"),
        (profile(2, "Linda Walker", phone: "+17735559999", email: "linda.walker219@example.com", street: nil), profile(1, "Linda Walker", email: "linda.walker211@example.com"), false, "same name, another phone"),
    ])
    func samePerson(later: DedupProfile, earlier: DedupProfile, same: Bool, evidence: String) {
        let comparison = LeadComparison(later, earlier)
        #expect(comparison.samePerson == same)
        #expect(comparison.evidence == evidence)
    }

    @Test func streetWithoutItsSuffixIsTheSameStreet() {
        // "Irving Park" alone reads PARK as the suffix; with RD it is part of the name.
        let a = Self.profile(1, "Ann Lee", street: "6725 W IRVING PARK RD"), b = Self.profile(2, "Ann Lee", street: "6725 W Irving Park")
        #expect(LeadComparison(b, a).address == .same)
        #expect(LeadComparison(Self.profile(3, "Ann Lee", street: "6725 W IRVING PARK AVE"), a).address == .differs)
    }

    @Test func decisionsPointAtTheFirstLeadOfTheJob() {
        let first = Self.profile(1, "Robert Smith")
        let again = Self.profile(2, "Bob Smith")
        let decided = Deduplicator.decide(again, against: [.init(profile: first, root: 1)])
        #expect(decided.status == .duplicate && decided.duplicateOf == 1)

        // A third lead tied only to the duplicate counts against the first lead.
        let third = Self.profile(3, "Robert Smith", phone: "+13125550100")
        let viaDuplicate = Deduplicator.decide(third, against: [.init(profile: again, root: 1)])
        #expect(viaDuplicate.duplicateOf == 1)
        #expect(viaDuplicate.reason.contains("itself a duplicate of lead 1"))

        // The same person asking for another job, or at another property, is a new lead, linked.
        let heater = Deduplicator.decide(Self.profile(4, "Robert Smith", service: .waterHeater), against: [.init(profile: first, root: 1)])
        #expect(heater.status == .unique && heater.relatedTo == 1)
        #expect(heater.reason.contains("another job: water heater, was leak"))
        let elsewhere = Deduplicator.decide(Self.profile(5, "Robert Smith", street: "77 N CLARK ST"), against: [.init(profile: first, root: 1)])
        #expect(elsewhere.status == .unique && elsewhere.relatedTo == 1 && elsewhere.reason.contains("another place"))

        let stranger = Deduplicator.decide(Self.profile(6, "Ann Lee", phone: "+17735550199"), against: [.init(profile: first, root: 1)])
        #expect(stranger == DedupDecision(status: .unique, reason: "no earlier lead of the same person (1 compared)"))
    }

    /// What dedup tells bill about a duplicate's phone: a corrected number says the earlier one does not
    /// reach the person.
    @Test func aDuplicateSaysWhetherItsPhoneIsOneSlipFromTheLeadItMatched() {
        let first = Self.profile(1, "Robert Smith", phone: "+13128672671")
        let corrected = Deduplicator.decide(Self.profile(2, "Robert Smith", phone: "+13128672617"), against: [.init(profile: first, root: 1)])
        #expect(corrected.status == .duplicate && corrected.comparedWith == 1 && corrected.phoneOneSlipAway)
        let oneOff = Deduplicator.decide(Self.profile(3, "Robert Smith", phone: "+13128672672"), against: [.init(profile: first, root: 1)])
        #expect(oneOff.phoneOneSlipAway)
        let same = Deduplicator.decide(Self.profile(4, "Robert Smith", phone: "+13128672671"), against: [.init(profile: first, root: 1)])
        #expect(same.status == .duplicate && !same.phoneOneSlipAway)
        // Tied through a repeat: the phone is compared with the repeat's, which is the lead it matched.
        let viaRepeat = Deduplicator.decide(
            Self.profile(5, "Robert Smith", phone: "+13128672716"), against: [.init(profile: Self.profile(2, "Robert Smith", phone: "+13128672617"), root: 1)])
        #expect(viaRepeat.duplicateOf == 1 && viaRepeat.comparedWith == 2)
    }
}
