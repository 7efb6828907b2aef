import Enrich
import LeadModel
import Testing

@Suite struct LeadEnricherTests {
    func raw(_ answers: [LeadField: String], test: Bool = false) -> RawLead {
        RawLead(platform: .meta, platformLeadID: "1", line: 2, isTest: test, answers: answers)
    }

    @Test func cleanLeadIsValid() {
        let lead = LeadEnricher().enrich(raw([
            .fullName: "Ann Lee", .phone: "p:+13125552671", .email: "Ann@Example.com", .zip: "60614", .state: "Illinois",
            .service: "Burst pipe",
        ]))
        #expect(lead.isValid)
        #expect(lead.phone == "+13125552671")
        #expect(lead.email == "ann@example.com")
        #expect(lead.state == "IL")
        #expect(lead.service == .burstPipe)
        #expect(lead.urgency == .emergency)
    }

    @Test("problems that stop a sale", arguments: [
        ([LeadField.phone: "555-0100", .zip: "60614"], "phone has 7 digits, expected 10"),
        ([.phone: "3125552671", .zip: "60614", .state: "WI"], "ZIP 60614 is in IL, not WI"),
        ([.phone: "3125552671"], "ZIP missing"),
        ([.phone: "3125552671", .zip: "  "], "ZIP missing"),
        ([.phone: "3125552671", .zip: "ABCDE"], "ZIP is not a US ZIP code"),
        ([.phone: "3125552671", .zip: "00000"], "ZIP 00000 does not exist"),
    ])
    func problems(answers: [LeadField: String], problem: String) {
        #expect(LeadEnricher().enrich(raw(answers)).problems == [problem])
    }

    @Test("a phone of another NANP member is kept with its region and not sold", arguments: [
        ("(876) 827-1093", "JM", "phone in Jamaica (area code 876): outside the regions sold"),
        ("1-403-250-9989", "CA", "phone in Canada (area code 403): outside the regions sold"),
        ("829 625 4329", "DO", "phone in the Dominican Republic (area code 829): outside the regions sold"),
    ])
    func foreignPhone(phone: String, country: String, problem: String) {
        let lead = LeadEnricher().enrich(raw([.phone: phone, .zip: "60614"]))
        #expect(lead.problems == [problem])
        #expect(lead.phoneCountry == country)
        #expect(lead.phone != nil)
        // A pipeline that sells there takes it.
        let allowed = LeadEnricher(phoneCountries: NANPDirectory.unitedStatesAndTerritories.union([country])).enrich(raw([.phone: phone, .zip: "60614"]))
        #expect(allowed.isValid)
    }

    @Test func theUSTerritoriesAreSoldByDefaultAndThePhoneKeepsItsTimeZone() {
        let lead = LeadEnricher().enrich(raw([.phone: "787 555 2671", .zip: "60614"]))
        #expect(lead.isValid)
        #expect(lead.phoneCountry == "PR" && lead.phoneTimeZone == "America/Puerto_Rico")
        // An area code over several zones takes the ZIP's when it is one of them.
        let idaho = LeadEnricher().enrich(raw([.phone: "208 555 2671", .zip: "83814"]))
        #expect(idaho.phoneTimeZone == "America/Los_Angeles", "\(String(describing: idaho.phoneTimeZone))")
        let unassigned = LeadEnricher().enrich(raw([.phone: "969-555-5098", .zip: "60614"]))
        #expect(unassigned.problems == ["area code 969 is not in service"])
        #expect(unassigned.phoneCountry == nil)
    }

    @Test func testLeadIsNeverValid() {
        #expect(LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "60614"], test: true)).problems == ["test lead"])
    }

    @Test func badEmailIsANoteNotAProblem() {
        let lead = LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "60614", .email: "nope"]))
        #expect(lead.isValid)
        #expect(lead.email == nil)
        #expect(lead.notes == ["email has no @", "no street address: placed by ZIP only"])
    }

    @Test func addressIsStandardizedAndPlaced() {
        let lead = LeadEnricher().enrich(raw([
            .phone: "3125552671", .street: "1429 West Addison Street, Apt 4B", .city: "chicago", .zip: "60613-1234",
        ]))
        #expect(lead.street == "1429 W ADDISON ST APT 4B")
        #expect(lead.city == "CHICAGO")
        #expect(lead.state == "IL")
        #expect(lead.zip4 == "1234")
        #expect(lead.timeZone == "America/Chicago")
    }

    @Test func missingZIPIsFilledWhenTheCityHasOne() {
        let lead = LeadEnricher().enrich(raw([.phone: "3125552671", .city: "Beverly Hills", .state: "FL"]))
        #expect(lead.zip == "34465")
        #expect(lead.isValid)
        #expect(lead.notes.contains("ZIP filled in from city and state"))
    }

    @Test("quality score and its reasons", arguments: [
        ([LeadField.phone: "3125552671", .email: "ann@gmail.com", .street: "1 Main St", .zip: "60614"], 95, 1),
        ([.phone: "8005552671", .email: "ann@gmail.com", .street: "1 Main St", .zip: "60614"], 85, 1),
        ([.phone: "3125552671", .email: "info@mailinator.com", .zip: "60614"], 60, 4),
        ([.phone: "3125552671", .email: "ann@gmial.com", .street: "PO Box 4", .zip: "60614"], 70, 3),
        ([.phone: "12", .zip: "00000"], 0, 4),
    ] as [([LeadField: String], Int, Int)])
    func quality(answers: [LeadField: String], score: Int, reasons: Int) {
        let lead = LeadEnricher().enrich(raw(answers))
        #expect(lead.quality == score, "\(lead.qualityReasons)")
        #expect(lead.qualityReasons.count == reasons, "\(lead.qualityReasons)")
    }

    @Test func testLeadScoresZero() {
        let lead = LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "60614"], test: true))
        #expect(lead.quality == 0)
        #expect(lead.qualityReasons.last == "platform test lead (−70)")
    }

    @Test func stateIsFilledFromTheZIP() {
        #expect(LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "46320"])).state == "IN")
    }

    @Test("service and urgency from answers and free text", arguments: [
        ("Drain cleaning", "", "This week", ServiceType.clog, Urgency.soon),
        ("", "no hot water since this morning", "", .waterHeater, .flexible),
        ("Other", "toilet keeps running", "ASAP", .toilet, .emergency),
        ("water_heater", "", "", .waterHeater, .flexible),
        ("", "", "", .other, .flexible),
    ])
    func classification(answer: String, details: String, when: String, service: ServiceType, urgency: Urgency) {
        let classifier = ServiceClassifier.standard
        let found = classifier.service(answer: answer, details: details)
        #expect(found == service)
        #expect(classifier.urgency(answer: when, details: details, service: found) == urgency)
    }
}
