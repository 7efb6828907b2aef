@testable import Enrich
import LeadModel
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

/// What a trial found: PO boxes written short, suffixes missing from the table, a numbered street
/// with no house number, and ZIPs whose leading zero a spreadsheet ate.
@Suite struct AddressTrialTests {
    @Test("PO boxes however they are written", arguments: [
        ("POB 71499", "71499"), ("po box #73984", "73984"), ("P.O. Box # 12", "12"), ("PO BX 4", "4"), ("Post Office Box 88", "88"),
        ("POBOX 5", "5"), ("Box 19", "19"),
    ])
    func poBoxes(input: String, box: String) {
        guard case .standard(let address) = AddressNormalizer.normalize(input) else {
            Issue.record("\(input) did not parse")
            return
        }
        #expect(address.poBox == box)
        #expect(address.line == "PO BOX \(box)")
    }

    @Test("suffixes Publication 28 lists", arguments: [
        ("12 Woodbridge Crest", "12 WOODBRIDGE CRST"), ("4 Mill Creek Commons", "4 MILL CREEK CMNS"), ("9 Elm Crossroad", "9 ELM XRD"),
        ("70 River Bend Landing", "70 RIVER BEND LNDG"), ("3 Old Mission", "3 OLD MSN"), ("8 Apple Orchard", "8 APPLE ORCH"),
        ("16 Tucson Stravenue", "16 TUCSON STRA"), ("2 Harbor Lights", "2 HARBOR LGTS"), ("5 Sunset Ridges", "5 SUNSET RDGS"),
        ("11 Quail Meadows", "11 QUAIL MDWS"), ("21 Lakeview Parkways", "21 LAKEVIEW PKWY"),
    ])
    func suffixes(input: String, expected: String) {
        guard case .standard(let address) = AddressNormalizer.normalize(input) else {
            Issue.record("\(input) did not parse")
            return
        }
        #expect(address.line == expected)
    }

    @Test("a numbered street is not a house number", arguments: ["3rd Way", "21st Street", "104th Ave", "2nd St Apt 4"])
    func numberedStreetWithoutHouse(input: String) {
        #expect(AddressNormalizer.normalize(input) == .unparseable(reason: "no house number"))
    }

    @Test func aHouseOnANumberedStreetStillParses() {
        guard case .standard(let address) = AddressNormalizer.normalize("400 3rd Way") else {
            Issue.record("did not parse")
            return
        }
        #expect(address.line == "400 3RD WAY")
    }

    @Test("a ZIP that lost its leading zero is restored when the state decides it", arguments: [
        ("Rumney, New Hampshire 3266", "03266", "NH"), ("12 Main St, Boston, MA 2108", "02108", "MA"),
        ("1 Elm St, Holtsville, NY 501", "00501", "NY"),
    ])
    func leadingZero(input: String, zip: String, state: String) {
        let address = PostalAddress(parsing: input)
        #expect(address.zip == zip)
        #expect(address.state == state)
        #expect(address.reasons.contains { $0.contains("its leading zero was lost") }, "\(address.reasons)")
    }

    @Test func aShortZIPTheStateDoesNotExplainStaysAProblem() {
        let address = PostalAddress(parsing: "5 Main St, Chicago, IL 3266")
        #expect(address.zip == nil)
        #expect(address.reasons.first == "ZIP 3266 has 4 digits and no ZIP of IL starts with zeros before it")
        #expect(LeadEnricher().enrich(RawLead(platform: .meta, platformLeadID: "1", line: 2, isTest: false,
                                              answers: [.phone: "3125552671", .zip: "3266", .state: "NH"])).zip == "03266")
    }
}

/// The suffix table against Publication 28 Appendix C1, row by row.
@Suite struct SuffixTableTests {
    @Test func everyRowOfAppendixC1() {
        let rows = USPSTables.suffixRows
        #expect(rows.count == 205)
        #expect(Set(rows.map(\.primary)).count == 205, "a primary name twice")
        // Every spelling maps to its row's standard, except the two the appendix lists twice.
        let listedTwice: Set = ["MDW", "PKWY"]
        for row in rows {
            for spelling in [row.primary, row.standard] + row.common where !listedTwice.contains(spelling) || spelling == row.standard {
                #expect(USPSTables.suffixes[spelling] == row.standard, "\(spelling) under \(row.primary)")
            }
        }
        #expect(USPSTables.suffixes["MDW"] == "MDW")
        #expect(USPSTables.suffixes["PKWY"] == "PKWY")
        #expect(Set(rows.map(\.standard)).count == 202, "PARKWAYS, SPURS and WALKS share the standard of their singular")
        #expect(USPSTables.suffixes.count == 549)
    }
}
