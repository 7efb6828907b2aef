import Enrich
import Testing

/// The shipped numbering table: every code in it is placed, and it holds what the NANP is.
@Suite struct NANPDirectoryTests {
    let directory = NANPDirectory.shipped

    @Test func everyGeographicCodeHasARegionAndATimeZone() {
        let geographic = directory.all.filter(\.isGeographic)
        #expect(geographic.count > 400)
        for code in geographic {
            #expect(!code.regions.isEmpty, "\(code.code) has no region")
            #expect(!code.timeZones.isEmpty, "\(code.code) has no time zone")
            #expect(NANPDirectory.countryNames[code.country] != nil, "\(code.code): unknown member \(code.country)")
        }
        for code in directory.all where !code.isGeographic {
            #expect(code.country == "NANP" && code.regions.isEmpty && code.timeZones.isEmpty, "\(code.code)")
        }
    }

    @Test func everyMemberOfThePlanIsThere() {
        let members = Set(directory.all.map(\.country))
        #expect(members == Set(NANPDirectory.countryNames.keys))
        #expect(directory.all.filter { $0.country == "CA" }.count >= 40)
        #expect(directory.areaCode("212")?.regions == ["NY"])
        #expect(directory.areaCode("867")?.regions == ["NT", "NU", "YT"])
        #expect(directory.areaCode("670")?.country == "MP")
        #expect(directory.areaCode("684")?.country == "AS")
        #expect(Set(["809", "829", "849"].compactMap { directory.areaCode($0)?.country }) == ["DO"])
        #expect(directory.areaCode("969") == nil)
        #expect(directory.areaCode("411") == nil)
    }

    @Test func anAreaCodeSpanningZonesListsEach() {
        #expect(directory.areaCode("208")?.timeZones.contains("America/Boise") == true)
        #expect((directory.areaCode("208")?.timeZones.count ?? 0) > 1)
    }

    @Test func unparseableRowsAreSkipped() {
        let table = NANPDirectory(csv: "area_code,country,region,kind,time_zones\n312,US,IL,geographic,America/Chicago\n31,US,IL,geographic,x\n313,US,MI,unknown,x\n")
        #expect(table.all.map(\.code) == ["312"])
    }
}
