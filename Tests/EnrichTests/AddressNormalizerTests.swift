import Enrich
import Testing

@Suite struct AddressNormalizerTests {
    @Test("street lines in USPS Publication 28 form", arguments: [
        ("1429 West Addison Street", "1429 W ADDISON ST"),
        ("1429 W. Addison St.", "1429 W ADDISON ST"),
        ("500 n michigan avenue, suite 200", "500 N MICHIGAN AVE STE 200"),
        ("123 Main St Apt 4B", "123 MAIN ST APT 4B"),
        ("123 Main St #4B", "123 MAIN ST # 4B"),
        ("123 Main St, Apt. #4", "123 MAIN ST APT 4"),
        ("77 Lake Shore Drive North", "77 LAKE SHORE DR N"),
        ("88 Elm Blvd SW", "88 ELM BLVD SW"),
        ("45 North St", "45 NORTH ST"),
        ("10 Court St", "10 COURT ST"),
        ("One First Street", "1 1ST ST"),
        ("12 Third Avenue Rear", "12 3RD AVE REAR"),
        ("221 1/2 Baker Terrace", "221 1/2 BAKER TER"),
        ("9 Avenue N", "9 AVENUE N"),
        ("3200 Parkway Hwy", "3200 PARKWAY HWY"),
        ("6 Martin Luther King Jr Boulevard", "6 MARTIN LUTHER KING JR BLVD"),
        ("P.O. Box 77", "PO BOX 77"),
        ("post office box 12", "PO BOX 12"),
        ("55 crescent", "55 CRESCENT"),
        ("55 Crescent Road", "55 CRESCENT RD"),
    ])
    func standardizes(input: String, expected: String) {
        guard case .standard(let address) = AddressNormalizer.normalize(input) else {
            Issue.record("\(input) did not parse")
            return
        }
        #expect(address.line == expected)
    }

    @Test func partsAreKept() {
        guard case .standard(let a) = AddressNormalizer.normalize("1429 West Addison Street Northeast, Apartment 4B") else {
            Issue.record("did not parse")
            return
        }
        #expect(a.number == "1429")
        #expect(a.preDirectional == "W")
        #expect(a.name == "ADDISON")
        #expect(a.suffix == "ST")
        #expect(a.postDirectional == "NE")
        #expect(a.unitType == "APT")
        #expect(a.unitNumber == "4B")
    }

    @Test("what cannot be parsed says why", arguments: [
        ("", "street missing"), ("   ", "street missing"), ("Main Street", "no house number"), ("123", "no street name"),
        ("behind the blue barn", "no house number"),
    ])
    func unparseable(input: String, reason: String) {
        #expect(AddressNormalizer.normalize(input) == .unparseable(reason: reason))
    }

    @Test("ZIP and ZIP+4", arguments: [
        ("60614", "60614", nil), ("60614-1234", "60614", "1234"), ("606141234", "60614", "1234"), ("z:60614", "60614", nil),
        ("6061", nil, nil), ("60614-12", nil, nil), ("", nil, nil),
    ] as [(String, String?, String?)])
    func zips(input: String, zip: String?, plus4: String?) {
        let split = AddressNormalizer.splitZIP(input)
        #expect(split.zip == zip)
        #expect(split.plus4 == plus4)
    }

    @Test func cities() {
        #expect(AddressNormalizer.cleanCity("St. Louis") == "SAINT LOUIS")
        #expect(AddressNormalizer.cleanCity(" chicago ") == "CHICAGO")
    }
}

@Suite struct PostalAddressTests {
    @Test func wholeLineIsPlacedOnTheDirectory() {
        let a = PostalAddress(parsing: "1429 West Addison Street Apt 4B, Chicago, IL 60613-1234")
        #expect(a.standard == "1429 W ADDISON ST APT 4B")
        #expect(a.city == "CHICAGO")
        #expect(a.state == "IL")
        #expect(a.zip == "60613")
        #expect(a.zip4 == "1234")
        #expect(a.timeZone == "America/Chicago")
        #expect(a.reasons.isEmpty)
    }

    @Test func contradictionsAreReasons() {
        #expect(PostalAddress(parsing: "1 Main St, Chicago, WI 60613").reasons.contains("ZIP 60613 is in IL, not WI"))
        #expect(PostalAddress(parsing: "1 Main St, Chicago, IL 00000").reasons.contains("ZIP 00000 does not exist"))
        #expect(PostalAddress(parsing: "1 Main St, Boston, IL 60613").reasons.contains { $0.hasPrefix("city BOSTON is not a USPS name") })
    }
}
