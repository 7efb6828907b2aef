import Foundation

/// One ZIP code of the directory: where it is and what kind of ZIP it is.
public struct ZIPEntry: Sendable, Hashable {
    public enum Kind: String, Sendable { case standard = "STANDARD", poBox = "PO BOX", unique = "UNIQUE", military = "MILITARY" }
    public var zip: String
    public var kind: Kind
    public var state: String
    /// The USPS primary city name, upper-cased.
    public var city: String
    /// Other city names the USPS accepts for this ZIP, upper-cased.
    public var otherCities: [String]
    public var latitude: Double
    public var longitude: Double
    /// IANA time zone; nil for military APO/FPO ZIPs.
    public var timeZone: String?
    public var active: Bool
}

/// Every US ZIP code with its state, city, centroid and time zone, from the data file shipped with the
/// project (`Resources/zip-directory.csv`; provenance and licenses in `Resources/ZIP-DIRECTORY.md`).
public struct ZIPDirectory: Sendable {
    private let entries: [String: ZIPEntry]
    /// Standard ZIPs by "CITY|ST", for filling a missing ZIP when the city has exactly one.
    private let byCity: [String: [String]]
    /// Every active standard ZIP, in ZIP order.
    public let standardZIPs: [ZIPEntry]
    /// The same, by latitude: a radius search reads only the band of latitudes it can reach.
    private let byLatitude: [ZIPEntry]

    /// The directory shipped with the project, loaded once.
    public static let shipped: ZIPDirectory = {
        guard let url = Bundle.module.url(forResource: "zip-directory", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("zip-directory.csv is missing from the build (Sources/Enrich/Resources)") }
        return ZIPDirectory(csv: text)
    }()

    /// Parses the directory's CSV (header `zip,type,state,city,other_cities,latitude,longitude,time_zone,active`).
    public init(csv: String) {
        var entries: [String: ZIPEntry] = [:]
        var byCity: [String: [String]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 9, let kind = ZIPEntry.Kind(rawValue: f[1]), let latitude = Double(f[5]), let longitude = Double(f[6]) else { continue }
            let entry = ZIPEntry(
                zip: f[0], kind: kind, state: f[2], city: f[3].uppercased(),
                otherCities: f[4].split(separator: ";").map { $0.uppercased() }, latitude: latitude, longitude: longitude,
                timeZone: f[7].isEmpty ? nil : f[7], active: f[8] == "1")
            entries[entry.zip] = entry
            if kind == .standard, entry.active {
                for city in [entry.city] + entry.otherCities { byCity["\(city)|\(entry.state)", default: []].append(entry.zip) }
            }
        }
        self.entries = entries
        self.byCity = byCity
        standardZIPs = entries.values.filter { $0.kind == .standard && $0.active }.sorted { $0.zip < $1.zip }
        byLatitude = standardZIPs.sorted { ($0.latitude, $0.zip) < ($1.latitude, $1.zip) }
    }

    public var count: Int { entries.count }

    public func entry(_ zip: String) -> ZIPEntry? { entries[zip] }

    /// A ZIP whose leading zeros a spreadsheet ate (`3266` for 03266), restored when `state` makes it
    /// unambiguous: the padded ZIP exists and is in that state. Nil for anything else.
    public func restoringLeadingZeros(_ text: String, state: String?) -> String? {
        guard let state, (3...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let padded = String(repeating: "0", count: 5 - text.count) + text
        return entries[padded]?.state == state ? padded : nil
    }

    /// The one standard ZIP of `city` in `state`, or nil when there is none or several.
    public func zip(city: String, state: String) -> String? {
        let key = "\(AddressNormalizer.cleanCity(city))|\(state)"
        guard let zips = byCity[key], zips.count == 1 else { return nil }
        return zips[0]
    }

    /// Where a lead or address is, from what the customer gave: the ZIP (filled from city and state when
    /// missing and unambiguous), the state (from the ZIP when not given), the time zone, and what is wrong.
    public struct Placement: Sendable, Equatable {
        public var zip: String?
        public var state: String?
        public var timeZone: String?
        public var entry: ZIPEntry?
        /// The ZIP came from city and state.
        public var filled = false
        /// What stops the place from being trusted: missing, unknown or contradicting ZIP.
        public var problems: [String] = []
    }

    /// Places `zip` (five digits or nil), `city` (cleaned) and `state` (a USPS code) on the directory.
    /// `zipGiven` says whether the customer typed something for the ZIP, to tell "missing" from "not a ZIP".
    public func place(zip: String?, zipGiven: Bool, city: String?, state: String?) -> Placement {
        var placement = Placement(zip: zip, state: state)
        if zip == nil, let city, let state, let filled = self.zip(city: city, state: state) {
            placement.zip = filled
            placement.filled = true
        }
        guard let zip = placement.zip else {
            placement.problems.append(zipGiven ? "ZIP is not a US ZIP code" : "ZIP missing")
            return placement
        }
        guard let entry = entries[zip] else {
            placement.problems.append("ZIP \(zip) does not exist")
            return placement
        }
        placement.entry = entry
        placement.timeZone = entry.timeZone
        if let state, state != entry.state { placement.problems.append("ZIP \(zip) is in \(entry.state), not \(state)") }
        placement.state = state ?? entry.state
        return placement
    }

    /// Great-circle distance in miles between two ZIP centroids, or nil when either is unknown.
    public func miles(from a: String, to b: String) -> Double? {
        guard let p = entries[a], let q = entries[b] else { return nil }
        return Self.miles(p, q)
    }

    /// Every active standard ZIP whose centroid is within `radius` miles of `zip`'s (`zip` itself
    /// included when it is one), in ZIP order; empty when `zip` is unknown.
    public func standardZIPs(within radius: Double, of zip: String) -> [String] {
        guard let center = entries[zip], radius >= 0 else { return [] }
        // A degree of latitude is at least 68.7 miles anywhere on Earth: no ZIP outside the band is in reach.
        let band = radius / 68.7
        var low = 0, high = byLatitude.count
        while low < high {
            let middle = (low + high) / 2
            if byLatitude[middle].latitude < center.latitude - band { low = middle + 1 } else { high = middle }
        }
        var found: [String] = []
        for entry in byLatitude[low...] {
            if entry.latitude > center.latitude + band { break }
            if Self.miles(center, entry) <= radius { found.append(entry.zip) }
        }
        return found.sorted()
    }

    /// Haversine distance between two centroids, in miles.
    static func miles(_ p: ZIPEntry, _ q: ZIPEntry) -> Double {
        let radians = Double.pi / 180
        let dLat = (q.latitude - p.latitude) * radians, dLon = (q.longitude - p.longitude) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.latitude * radians) * cos(q.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 3958.8 * asin(min(1, h.squareRoot()))
    }
}
