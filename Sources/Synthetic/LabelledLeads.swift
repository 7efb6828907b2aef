import Foundation
import LeadModel

/// A labelled test set for dedup: leads as people really type them, each labelled with the person and
/// the job it belongs to, so precision and recall can be measured rather than guessed.
///
/// Repeats of a job come with the slips seen in real lead files — typos, nicknames, first and last name
/// swapped or given as "Last, First", phones with transposed digits or another number, emails dropped or
/// misspelled, "123 Main" for "123 Main St", spelled-out suffixes, missing streets, dropped units. The
/// set also holds the look-alikes that must not be merged: twins and couples at one address,
/// neighbours on one street and in one building, and namesakes in one ZIP.
public struct LabelledLeads: Sendable {
    public enum Scenario: String, Sendable, CaseIterable {
        case firstRequest = "first request"
        case repeatedJob = "same job asked again"
        case anotherJob = "same person, another job"
        case household = "household member (twin, couple)"
        case neighbour = "neighbour (street or building)"
        case namesake = "same name, another person"
    }

    public struct Item: Sendable {
        public var raw: RawLead
        /// Days since the first day of the set.
        public var day: Int
        public var person: Int
        /// Leads with one job id are one person asking for one job: all but the first are duplicates.
        public var job: Int
        public var scenario: Scenario
    }

    public var count: Int
    public var days: Int
    public var window: Int
    public var seed: UInt64

    public init(count: Int, days: Int = 30, window: Int = 30, seed: UInt64 = 1) {
        self.count = count
        self.days = days
        self.window = window
        self.seed = seed
    }

    struct Person {
        var id: Int
        var first: String
        var last: String
        var phone: String
        var email: String?
        var place: (zip: String, city: String, state: String)
        var number: Int
        var street: String
        var unit: String?

        var household: String { "\(place.zip)|\(number)|\(street)|\(unit ?? "")" }
    }

    struct Job {
        var id: Int
        /// The person as they were when they asked (a landlord's other property is another job).
        var person: Person
        var request: SyntheticRequest
        var day: Int
    }

    public func generate() -> [Item] {
        var rng = SeededGenerator(seed: seed)
        var people: [Person] = []
        var jobs: [Job] = []
        var asked: [Int: Set<String>] = [:]
        var householdNames: [String: Set<String>] = [:]
        var phones: Set<String> = []
        var items: [Item] = []
        items.reserveCapacity(count)
        var firstRecent = 0
        for index in 0..<count {
            let day = index * days / max(count, 1)
            let roll = Int.random(in: 0..<100, using: &rng)
            while firstRecent < jobs.count, day - jobs[firstRecent].day >= window { firstRecent += 1 }
            if roll >= 70, roll < 90, firstRecent < jobs.count {
                let job = jobs[Int.random(in: firstRecent..<jobs.count, using: &rng)]
                let person = job.person
                let request = SyntheticRequest.all.filter { $0.service == job.request.service }.randomElement(using: &rng)!
                items.append(Item(raw: render(person, request, index: index, slips: true, rng: &rng), day: day, person: person.id, job: job.id, scenario: .repeatedJob))
                continue
            }
            var scenario = Scenario.firstRequest
            var person = newPerson(id: people.count, rng: &rng, phones: &phones)
            if roll >= 90, var known = people.randomElement(using: &rng) {
                scenario = .anotherJob
                if Int.random(in: 0..<5, using: &rng) == 0 { (known.number, known.street, known.unit) = (person.number, person.street, nil) }  // another property
                person = known
            } else if roll >= 55, let known = people.randomElement(using: &rng) {
                switch roll {
                case 55..<62:
                    scenario = .household
                    person.last = known.last
                    person.place = known.place
                    (person.number, person.street, person.unit) = (known.number, known.street, known.unit)
                    // Two members of one household never share a first name (nor does anyone: a suffix would tell them apart).
                    let taken = householdNames[known.household, default: [known.first]]
                    while taken.contains(person.first) { person.first = SyntheticPerson.firstNames.randomElement(using: &rng)! }
                case 62..<67:
                    scenario = .neighbour
                    person.place = known.place
                    person.street = known.street
                    if Int.random(in: 0..<3, using: &rng) == 0 { person.last = known.last }
                    if Int.random(in: 0..<2, using: &rng) == 0 {
                        person.number = known.number
                        person.unit = String(Int.random(in: 1...40, using: &rng))
                        while person.unit == known.unit { person.unit = String(Int.random(in: 1...40, using: &rng)) }
                    } else {
                        person.number = known.number + Int.random(in: 2...60, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
                        if person.number < 1 { person.number = known.number + 2 }
                    }
                default:
                    scenario = .namesake
                    (person.first, person.last, person.place) = (known.first, known.last, known.place)
                }
            }
            if scenario != .anotherJob {
                people.append(person)
                householdNames[person.household, default: []].insert(person.first)
            }
            let before = asked[person.id, default: []]
            let request = SyntheticRequest.all.filter { !before.contains($0.service) }.randomElement(using: &rng) ?? SyntheticRequest.all[0]
            asked[person.id, default: []].insert(request.service)
            let job = Job(id: jobs.count, person: person, request: request, day: day)
            jobs.append(job)
            items.append(Item(raw: render(person, request, index: index, slips: false, rng: &rng), day: day, person: person.id, job: job.id, scenario: scenario))
        }
        return items
    }

    /// A new person with a phone and email no one else in the set has.
    private func newPerson(id: Int, rng: inout SeededGenerator, phones: inout Set<String>) -> Person {
        var base = SyntheticPerson.random(using: &rng)
        while !phones.insert(base.phoneDigits).inserted { base = SyntheticPerson.random(using: &rng) }
        base.email = base.email.replacingOccurrences(of: #"[0-9]+@"#, with: "\(id)@", options: .regularExpression)
        let parts = base.street.split(separator: " ", maxSplits: 1)
        let hasEmail = Int.random(in: 0..<10, using: &rng) < 8
        let unit = Int.random(in: 0..<5, using: &rng) == 0 ? String(Int.random(in: 1...40, using: &rng)) : nil
        return Person(
            id: id, first: base.firstName, last: base.lastName, phone: base.phoneDigits, email: hasEmail ? base.email : nil,
            place: (base.zip, base.city, base.state), number: Int(parts[0])!, street: String(parts[1]), unit: unit)
    }

    /// The person's lead as typed; with `slips`, the variations people make when they ask again.
    private func render(_ person: Person, _ request: SyntheticRequest, index: Int, slips: Bool, rng: inout SeededGenerator) -> RawLead {
        func chance(_ percent: Int) -> Bool { slips && Int.random(in: 0..<100, using: &rng) < percent }
        var first = person.first, last = person.last
        var name = "\(first) \(last)"
        let nameRoll = slips ? Int.random(in: 0..<100, using: &rng) : 100
        switch nameRoll {
        case 0..<10: if Bool.random(using: &rng) { first = Self.typo(first, rng: &rng) } else { last = Self.typo(last, rng: &rng) }
            name = "\(first) \(last)"
        case 10..<18: if let short = Self.nicknames[first] { name = "\(short) \(last)" }
        case 18..<22: name = "\(last) \(first)"
        case 22..<27: name = "\(last), \(first)"
        case 27..<32: name = name.uppercased()
        case 32..<35: name = "\(first.prefix(1)). \(last)"
        default: break
        }

        var digits = Array(person.phone)
        if chance(8) {
            let at = Int.random(in: 3..<9, using: &rng)
            if digits[at] == digits[at + 1] { digits[at + 1] = digits[at] == "9" ? "8" : "9" } else { digits.swapAt(at, at + 1) }
        } else if chance(5) {
            let at = Int.random(in: 6..<10, using: &rng)
            digits[at] = digits[at] == "7" ? "3" : "7"
        } else if chance(7) {
            digits = Array(SyntheticPerson.random(using: &rng).phoneDigits)  // another phone (work, a spouse's)
        }
        let d = String(digits)
        let phone = [
            "+1\(d)", "(\(d.prefix(3))) \(d.dropFirst(3).prefix(3))-\(d.suffix(4))", "\(d.prefix(3)).\(d.dropFirst(3).prefix(3)).\(d.suffix(4))",
            "1-\(d.prefix(3))-\(d.dropFirst(3).prefix(3))-\(d.suffix(4))",
        ].randomElement(using: &rng)!

        var email = person.email
        if chance(12) {
            email = nil
        } else if let known = email, chance(5) {
            email = known.replacingOccurrences(of: "example", with: "exmaple")
        } else if chance(6) {
            email = "\(person.first.lowercased()).home\(index)@example.net"  // another address of theirs
        }

        var number = String(person.number)
        var street = person.street
        var unit = person.unit
        let words = street.split(separator: " ")
        if words.count > 2 || (words.count == 2 && !["N", "S", "E", "W"].contains(words[0])), Self.suffixWords[String(words.last!)] != nil, chance(10) {
            street = words.dropLast().joined(separator: " ")  // "123 N Clark" for "123 N Clark St"
        } else if chance(10) {
            street = Self.spelledOut(street)
        }
        if number.count > 1, chance(4) {
            var chars = Array(number)
            chars.swapAt(0, 1)
            if chars[0] != "0" { number = String(chars) }
        }
        if chance(4) { unit = nil }
        var line: String? = "\(number) \(street)" + (unit.map { [" Apt \($0)", " #\($0)", ", Unit \($0)"].randomElement(using: &rng)! } ?? "")
        if chance(8) { line = nil }
        if chance(20) { line = line?.lowercased() }

        var answers: [LeadField: String] = [
            .fullName: name, .phone: phone, .city: person.place.city, .state: person.place.state, .zip: person.place.zip,
            .service: request.service, .urgency: request.when, .details: request.details,
        ]
        answers[.email] = email
        answers[.street] = line
        return RawLead(platform: index % 2 == 0 ? .meta : .google, platformLeadID: "labelled-\(index)", line: index + 1, answers: answers)
    }

    static let nicknames = [
        "James": "Jim", "Robert": "Bob", "John": "Johnny", "Michael": "Mike", "David": "Dave", "William": "Bill", "Richard": "Rick",
        "Joseph": "Joe", "Thomas": "Tom", "Daniel": "Dan", "Matthew": "Matt", "Anthony": "Tony", "Steven": "Steve", "Andrew": "Andy",
        "Elizabeth": "Liz", "Patricia": "Patty", "Jennifer": "Jen", "Susan": "Sue", "Jessica": "Jess", "Kimberly": "Kim",
        "Deborah": "Debbie", "Barbara": "Barb", "Stephanie": "Steph", "Melissa": "Missy",
    ]

    static let suffixWords = ["St": "Street", "Ave": "Avenue", "Rd": "Road", "Pkwy": "Parkway"]

    static func spelledOut(_ street: String) -> String {
        var words = street.split(separator: " ").map(String.init)
        if let last = words.last, let long = suffixWords[last] { words[words.count - 1] = long }
        if let first = words.first, let long = ["N": "North", "S": "South", "W": "West", "E": "East"][first], words.count > 2 { words[0] = long }
        return words.joined(separator: " ")
    }

    /// One slip: a swapped pair, a dropped letter or a doubled one, never in the first letter.
    static func typo(_ word: String, rng: inout SeededGenerator) -> String {
        var chars = Array(word)
        guard chars.count >= 4 else { return word }
        let at = Int.random(in: 1..<(chars.count - 1), using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: chars.swapAt(at, at + 1)
        case 1: chars.remove(at: at)
        default: chars.insert(chars[at], at: at)
        }
        return String(chars)
    }
}
