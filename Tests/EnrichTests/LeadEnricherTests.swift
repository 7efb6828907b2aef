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
        ([.phone: "3125552671", .zip: "ABCDE"], "ZIP is not a US ZIP code"),
    ])
    func problems(answers: [LeadField: String], problem: String) {
        #expect(LeadEnricher().enrich(raw(answers)).problems == [problem])
    }

    @Test func testLeadIsNeverValid() {
        #expect(LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "60614"], test: true)).problems == ["test lead"])
    }

    @Test func badEmailIsANoteNotAProblem() {
        let lead = LeadEnricher().enrich(raw([.phone: "3125552671", .zip: "60614", .email: "nope"]))
        #expect(lead.isValid)
        #expect(lead.email == nil)
        #expect(lead.notes == ["email has no @"])
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
