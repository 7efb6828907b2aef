import Foundation
import LeadModel

/// Generates a day of real-shaped exports with no real people in them: a Meta Lead Ads export (UTF-16
/// TSV, as Meta ships it), Google Ads lead-form webhook lines, a late Google re-delivery that repeats
/// some leads, and both platforms' spend reports. Duplicates across platforms, malformed rows, invalid
/// phones, contradicting ZIPs and a test lead are mixed in at fixed rates.
public struct SyntheticDay: Sendable {
    public var date: BusinessDate
    public var metaLeads: Int
    public var googleLeads: Int
    public var seed: UInt64
    public var population: SyntheticPopulation

    public init(date: BusinessDate, metaLeads: Int, googleLeads: Int, seed: UInt64 = 42, population: SyntheticPopulation = .chicago) {
        self.date = date
        self.metaLeads = metaLeads
        self.googleLeads = googleLeads
        self.seed = seed
        self.population = population
    }

    static let metaCampaigns = [("120210000000001", "Emergency Plumber - Chicago"), ("120210000000002", "Water Heater Deals - North Shore")]
    /// Google campaign ids above 2^53: they must survive JSON decoding digit for digit.
    static let googleCampaigns = [("9007199254740993", "Plumbing - Chicago Search"), ("9007199254741234", "Drain Cleaning - Suburbs")]

    static let rememberedPeople = 10_000

    /// Writes only the Meta Lead Ads export, without the malformed row, so that every line is also valid
    /// input for a plain `COPY` (for benchmarks).
    public func writeMetaLeads(to url: URL) throws {
        var rng = SeededGenerator(seed: seed)
        var people: [Asked] = []
        try writeMeta(to: url, rng: &rng, people: &people, malformedRow: false)
    }

    static let metaHeader = [
        "id", "created_time", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "form_id", "form_name",
        "is_organic", "platform", "full_name", "phone_number", "email", "street_address", "city", "state", "zip_code",
        "what_service_do_you_need?", "how_soon_do_you_need_a_plumber?", "describe_the_problem",
    ]

    /// Writes every file into `folder`; returns their names.
    @discardableResult
    public func write(to folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = SeededGenerator(seed: seed)
        var people: [Asked] = []
        let metaName = "meta-leads-\(date).csv"
        try writeMeta(to: folder.appendingPathComponent(metaName), rng: &rng, people: &people)
        let googleName = "google-leads-\(date).jsonl"
        let googleLines = try writeGoogle(to: folder.appendingPathComponent(googleName), rng: &rng, crossPlatform: people)
        let lateName = "google-leads-\(date)-late.jsonl"
        try writeLate(to: folder.appendingPathComponent(lateName), repeating: googleLines, rng: &rng)
        let googleSpend = "google-ads-campaign-report-\(date).csv"
        try writeGoogleSpend(to: folder.appendingPathComponent(googleSpend), rng: &rng)
        let metaSpend = "meta-ads-insights-\(date).csv"
        try writeMetaSpend(to: folder.appendingPathComponent(metaSpend), rng: &rng)
        return [metaName, googleName, lateName, googleSpend, metaSpend]
    }

    private func timestamp(_ index: Int, of count: Int, offset: String) -> String {
        let seconds = 6 * 3600 + (16 * 3600 * index) / max(count, 1)
        return String(format: "%@T%02d:%02d:%02d%@", date.description, seconds / 3600, seconds / 60 % 60, seconds % 60, offset)
    }

    /// A person and the job they asked for, remembered so that some ask again.
    typealias Asked = (person: SyntheticPerson, request: SyntheticRequest)

    /// Meta's lead id for the `index`th lead: unique across dates (a day's range is 10^10 ids wide, as
    /// many as a million leads need), and 2026-11-24's the ids its committed fixtures have always had.
    func metaLeadID(_ index: Int) -> Int64 {
        let days = Int64(date.start(in: TimeZone(identifier: "UTC")!).timeIntervalSince1970 / 86_400) - 20_781  // 2026-11-24
        return 9_100_000_000_000_000 + days * 10_000_000_000 + Int64(index) * 7919
    }

    private func writeMeta(to url: URL, rng: inout SeededGenerator, people: inout [Asked], malformedRow: Bool = true) throws {
        var out = try ExportWriter(url: url, encoding: .utf16LittleEndian)
        try out.write(Self.metaHeader.joined(separator: "\t") + "\n")
        for index in 0..<metaLeads {
            var person = SyntheticPerson.random(using: &rng, from: population)
            let roll = Int.random(in: 0..<100, using: &rng)
            var request = SyntheticRequest.all.randomElement(using: &rng)!
            if roll < 6, let earlier = people.randomElement(using: &rng) {
                if roll < 3 {
                    // The same job asked again, typed a little differently (a duplicate to catch).
                    (person, request) = (earlier.person.retyped(using: &rng), earlier.request)
                } else {
                    person = earlier.person  // the same person, another job (a new lead, linked)
                }
            } else if roll == 99, let neighbour = people.randomElement(using: &rng) {
                person = person.neighbour(of: neighbour.person, using: &rng)  // a look-alike that must stay apart
            }
            // Remember a bounded window of people for repeats, so memory stays flat for any size.
            if people.count < Self.rememberedPeople { people.append((person, request)) } else { people[index % Self.rememberedPeople] = (person, request) }
            let campaign = request.service == "Water heater" ? Self.metaCampaigns[1] : Self.metaCampaigns[0]
            var phone = "p:+1\(person.phoneDigits)"
            var zip = person.zip
            var state = person.state
            switch roll {
            case 6..<9: phone = "p:+1\(person.phoneDigits.prefix(9))"  // a digit short
            case 9..<11: phone = "p:+1\(person.phoneDigits.prefix(3))55501\(String(format: "%02d", index % 100))"  // 555-01XX: fictional
            case 11..<13: state = state == "IL" ? "WI" : "IL"  // ZIP contradicts the state
            case 13: zip = ""
            default: break
            }
            var fields = [
                "l:\(metaLeadID(index))", timestamp(index, of: metaLeads, offset: "-06:00"),
                "ag:120211000000\(index % 3)", "Plumber ad \(index % 3 + 1)", "as:1202120000001", "Chicago homeowners",
                "c:\(campaign.0)", campaign.1, "f:998877665544", "Plumbing request", index % 5 == 0 ? "TRUE" : "false",
                index % 2 == 0 ? "fb" : "ig", person.fullName, phone, person.email, person.street, person.city, state,
                zip.isEmpty ? "" : "z:\(zip)", request.service, request.when, request.details,
            ]
            if index == 3 { fields[12] = "<test lead: dummy data>"; fields[14] = "test@fb.com" }
            try out.write(fields.joined(separator: "\t") + "\n")
            if malformedRow, index == metaLeads / 2 {
                try out.write(fields.prefix(9).joined(separator: "\t") + "\n")  // a row cut short
            }
        }
        try out.close()
    }

    private func googleLine(id: String, person: SyntheticPerson, request: SyntheticRequest, campaign: (String, String), time: String, phone: String) -> String {
        func column(_ id: String, _ name: String, _ value: String) -> String {
            "{\"column_name\":\"\(name)\",\"string_value\":\(jsonString(value)),\"column_id\":\"\(id)\"}"
        }
        let columns = [
            column("FULL_NAME", "Full Name", person.fullName), column("PHONE_NUMBER", "User Phone", phone),
            column("EMAIL", "User Email", person.email), column("STREET_ADDRESS", "Street address", person.street),
            column("CITY", "City", person.city), column("REGION", "Region", person.state),
            column("POSTAL_CODE", "Postal Code", person.zip),
            column("what_service_do_you_need", "What service do you need?", request.service),
            column("how_soon", "How soon do you need a plumber?", request.when),
            column("describe_the_problem", "Describe the problem", request.details),
        ]
        return "{\"lead_id\":\"\(id)\",\"user_column_data\":[\(columns.joined(separator: ","))],\"api_version\":\"1.0\","
            + "\"form_id\":40000000001,\"campaign_id\":\(campaign.0),\"adgroup_id\":150000000001,\"creative_id\":600000000001,"
            + "\"gcl_id\":\"EAIaIQobChMI\(id.suffix(8))\",\"google_key\":\"demo-key\",\"is_test\":false,\"lead_submit_time\":\"\(time)\"}"
    }

    private func writeGoogle(to url: URL, rng: inout SeededGenerator, crossPlatform: [Asked]) throws -> [String] {
        var out = try ExportWriter(url: url, encoding: .utf8)
        var lines: [String] = []
        for index in 0..<googleLeads {
            var person = SyntheticPerson.random(using: &rng)
            let roll = Int.random(in: 0..<100, using: &rng)
            var phone = "+1 (\(person.phoneDigits.prefix(3))) \(person.phoneDigits.dropFirst(3).prefix(3))-\(person.phoneDigits.suffix(4))"
            var request = SyntheticRequest.all.randomElement(using: &rng)!
            if roll < 10, let known = crossPlatform.randomElement(using: &rng) {
                // The same person asked on Meta too: mostly for the same job, typed again.
                person = roll < 7 ? known.person.retyped(using: &rng) : known.person
                if roll < 7 { request = known.request }
                phone = "\(person.phoneDigits.prefix(3)).\(person.phoneDigits.dropFirst(3).prefix(3)).\(person.phoneDigits.suffix(4))"
            } else if roll < 13 {
                phone = "(\(person.phoneDigits.prefix(3))) 123-4567"  // exchange starts with 1
            }
            let campaign = request.service == "Drain cleaning" || request.service == "Sewer line" ? Self.googleCampaigns[1] : Self.googleCampaigns[0]
            let line = googleLine(
                id: "TeSter-\(date.description.replacingOccurrences(of: "-", with: ""))-\(String(format: "%05d", index))",
                person: person, request: request, campaign: campaign, time: timestamp(index, of: googleLeads, offset: "-06:00"), phone: phone)
            lines.append(line)
            if lines.count > 4 { lines.removeFirst() }  // the late re-delivery repeats the last four
            try out.write(line + "\n")
            if index == googleLeads / 3 { try out.write("{\"lead_id\":\"broken-\(index)\",\"user_column_data\":[{\"column_id\":\n") }
            if index == googleLeads / 2 { try out.write("{\"user_column_data\":[],\"campaign_id\":1}\n") }
        }
        try out.close()
        return lines
    }

    private func writeLate(to url: URL, repeating lines: [String], rng: inout SeededGenerator) throws {
        var out = try ExportWriter(url: url, encoding: .utf8)
        for line in lines { try out.write(line + "\r\n") }  // re-delivered, CRLF this time
        for index in 0..<3 {
            let person = SyntheticPerson.random(using: &rng)
            let request = SyntheticRequest.all[6]
            try out.write(googleLine(
                id: "TeSter-\(date.description.replacingOccurrences(of: "-", with: ""))-late\(index)", person: person, request: request,
                campaign: Self.googleCampaigns[0], time: timestamp(index + 10, of: 14, offset: "-06:00"),
                phone: "1-\(person.phoneDigits.prefix(3))-\(person.phoneDigits.dropFirst(3).prefix(3))-\(person.phoneDigits.suffix(4))") + "\r\n")
        }
        try out.close()
    }

    private func writeGoogleSpend(to url: URL, rng: inout SeededGenerator) throws {
        var out = try ExportWriter(url: url, encoding: .utf8)
        let long = Self.longDate(date)
        try out.write("Campaign report\n\"\(long) - \(long)\"\nCampaign,Campaign ID,Day,Currency code,Cost,Impr.,Clicks,Conversions\n")
        var total = 0
        for (id, name) in Self.googleCampaigns {
            let cents = Int.random(in: 90_000...260_000, using: &rng)
            total += cents
            try out.write("\(name),\(id),\(date),USD,\"\(Self.grouped(cents))\",\"\(Self.groupedInt(Int.random(in: 4000...12000, using: &rng)))\",\(Int.random(in: 200...600, using: &rng)),\(Int.random(in: 30...80, using: &rng)).00\n")
        }
        try out.write("Total: Account,--,--,USD,\"\(Self.grouped(total))\",--,--,--\nTotal: Search,--,--,USD,\"\(Self.grouped(total))\",--,--,--\n")
        try out.close()
    }

    private func writeMetaSpend(to url: URL, rng: inout SeededGenerator) throws {
        var out = try ExportWriter(url: url, encoding: .utf8)
        try out.write("Reporting starts,Reporting ends,Campaign name,Campaign delivery,Amount spent (USD),Impressions,Link clicks,Leads\n")
        for (_, name) in Self.metaCampaigns {
            let cents = Int.random(in: 60_000...180_000, using: &rng)
            try out.write("\(date),\(date),\(name),active,\(cents / 100).\(String(format: "%02d", cents % 100)),\(Int.random(in: 20000...60000, using: &rng)),\(Int.random(in: 300...900, using: &rng)),\(Int.random(in: 60...120, using: &rng))\n")
        }
        try out.close()
    }

    static func grouped(_ cents: Int) -> String { "\(groupedInt(cents / 100)).\(String(format: "%02d", cents % 100))" }

    static func groupedInt(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return out
    }

    static func longDate(_ date: BusinessDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(months[date.month - 1]) \(date.day), \(date.year)"
    }
}

/// A JSON string literal.
func jsonString(_ value: String) -> String {
    String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
}
