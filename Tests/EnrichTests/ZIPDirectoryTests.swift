import Enrich
import Testing

@Suite struct ZIPDirectoryTests {
    let directory = ZIPDirectory.shipped

    @Test func everyZIPIsThere() {
        #expect(directory.count == 42_789)
        let chicago = directory.entry("60614")
        #expect(chicago?.state == "IL")
        #expect(chicago?.city == "CHICAGO")
        #expect(chicago?.timeZone == "America/Chicago")
        #expect(directory.entry("96701")?.timeZone == "Pacific/Honolulu")
        #expect(directory.entry("09001")?.kind == .military)
        #expect(directory.entry("99999") == nil)
    }

    @Test func missingZIPIsFilledOnlyWhenUnambiguous() {
        #expect(directory.zip(city: "Chicago", state: "IL") == nil)  // dozens of ZIPs
        #expect(directory.zip(city: "Beverly Hills", state: "FL") == "34465")
        #expect(directory.zip(city: "Nowhere Town", state: "IL") == nil)
    }

    @Test func distancesBetweenCentroids() throws {
        let miles = try #require(directory.miles(from: "60614", to: "60540"))  // Lincoln Park to Naperville
        #expect((25.0...35.0).contains(miles))
        #expect(directory.miles(from: "60614", to: "60614") == 0)
        #expect(directory.miles(from: "60614", to: "00000") == nil)
    }

    /// The latitude band finds exactly what measuring every standard ZIP finds, from the tropics to Alaska.
    @Test("radius search equals a scan of every ZIP", arguments: [
        ("60614", 0.0), ("60614", 6), ("60614", 25), ("60201", 6), ("33139", 30), ("96701", 15), ("99501", 40), ("04401", 20),
    ])
    func radiusSearchEqualsAScanOfEveryZIP(center: String, miles: Double) {
        let scanned = directory.standardZIPs.filter { (directory.miles(from: center, to: $0.zip) ?? .infinity) <= miles }.map(\.zip)
        let found = directory.standardZIPs(within: miles, of: center)
        #expect(found == scanned)
        #expect(found.contains(center))
    }

    @Test func radiusSearchOfAnUnknownZIPFindsNothing() {
        #expect(directory.standardZIPs(within: 50, of: "00000").isEmpty)
    }
}
