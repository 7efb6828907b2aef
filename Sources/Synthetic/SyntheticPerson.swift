import Foundation

/// A made-up customer: names from common-name lists, 555-free numbers in Chicago-area codes, addresses
/// on made-up house numbers of real street names, emails at the reserved example domains.
public struct SyntheticPerson: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    /// Ten digits.
    public var phoneDigits: String
    public var email: String
    public var street: String
    public var city: String
    public var state: String
    public var zip: String

    public var fullName: String { "\(firstName) \(lastName)" }

    static let firstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy",
        "Anthony", "Betty", "Mark", "Sandra", "Luis", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Kevin", "Donna",
        "Brian", "Michelle", "José", "Carol", "Tyrone", "Amanda", "Wei", "Melissa", "Jamal", "Deborah", "Priya", "Stephanie",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Kowalski", "Nowak", "O'Brien", "Nguyen", "Patel", "Kim", "Chen", "Washington", "Murphy", "Rivera", "Cooper",
    ]
    static let streets = [
        "N Clark St", "W Belmont Ave", "S Halsted St", "N Milwaukee Ave", "W Fullerton Ave", "N Western Ave", "S Ashland Ave",
        "W Diversey Pkwy", "N Broadway", "W Addison St", "Sheridan Rd", "W Lawrence Ave", "N Lincoln Ave", "W Irving Park Rd",
        "S Michigan Ave", "Oak Park Ave", "Ridge Ave", "Central St", "Main St", "Elm St", "Maple Ave", "Chicago Ave",
    ]
    /// ZIP, city, state — the served area and a few places no plumber covers.
    static let places: [(String, String, String)] = [
        ("60601", "Chicago", "IL"), ("60605", "Chicago", "IL"), ("60607", "Chicago", "IL"), ("60610", "Chicago", "IL"),
        ("60613", "Chicago", "IL"), ("60614", "Chicago", "IL"), ("60618", "Chicago", "IL"), ("60622", "Chicago", "IL"),
        ("60625", "Chicago", "IL"), ("60640", "Chicago", "IL"), ("60647", "Chicago", "IL"), ("60657", "Chicago", "IL"),
        ("60201", "Evanston", "IL"), ("60202", "Evanston", "IL"), ("60302", "Oak Park", "IL"), ("60304", "Oak Park", "IL"),
        ("60016", "Des Plaines", "IL"), ("60714", "Niles", "IL"), ("60540", "Naperville", "IL"), ("46320", "Hammond", "IN"),
    ]
    static let areaCodes = ["312", "773", "872", "847", "708", "630", "219"]
    static let domains = ["example.com", "example.net", "example.org"]

    /// A new person drawn from `generator`, from the Chicago-area population unless another is given.
    public static func random(using generator: inout SeededGenerator, from population: SyntheticPopulation = .chicago) -> SyntheticPerson {
        let first = population.firstNames.randomElement(using: &generator)!
        let last = population.lastNames.randomElement(using: &generator)!
        let place = population.places.randomElement(using: &generator)!
        var exchange: Int
        repeat { exchange = Int.random(in: 200...999, using: &generator) } while exchange % 100 == 11 || exchange == 555
        let phone = population.areaCodes.randomElement(using: &generator)! + String(exchange) + String(format: "%04d", Int.random(in: 0...9999, using: &generator))
        let handle = (first + "." + last).lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { $0.isLetter || $0 == "." }
        return SyntheticPerson(
            firstName: first, lastName: last, phoneDigits: phone,
            email: "\(handle)\(Int.random(in: 1...999, using: &generator))@\(domains.randomElement(using: &generator)!)",
            street: "\(Int.random(in: 100...9999, using: &generator)) \(streets.randomElement(using: &generator)!)",
            city: place.1, state: place.2, zip: place.0)
    }
}

extension SyntheticPerson {
    static let nicknames = ["Robert": "Bob", "William": "Bill", "James": "Jim", "Michael": "Mike", "Elizabeth": "Liz", "Richard": "Rick", "Jennifer": "Jenny"]

    /// The same person typing their details again, with one of the slips people make: a nickname, a
    /// misspelt family name, the street suffix left out, two phone digits swapped (then the email is the
    /// only exact tie left out too), or nothing at all.
    public func retyped(using generator: inout SeededGenerator) -> SyntheticPerson {
        var copy = self
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: copy.firstName = Self.nicknames[firstName] ?? firstName.uppercased()
        case 1 where lastName.count >= 5:
            var letters = Array(lastName)
            letters.swapAt(2, 3)
            copy.lastName = String(letters)
        case 2: copy.street = street.split(separator: " ").dropLast().joined(separator: " ")
        case 3:
            var digits = Array(phoneDigits)
            if digits[7] != digits[8] {
                digits.swapAt(7, 8)
                copy.phoneDigits = String(digits)
                copy.email = ""
            }
        case 4: copy.street = street.replacingOccurrences(of: " St", with: " Street").replacingOccurrences(of: " Ave", with: " Avenue")
        default: break
        }
        return copy
    }

    /// Someone else at the neighbour's house number on the same street: same family name, another first
    /// name, phone and email, in another unit — a look-alike dedup must keep apart.
    public func neighbour(of other: SyntheticPerson, using generator: inout SeededGenerator) -> SyntheticPerson {
        var copy = self
        copy.lastName = other.lastName
        copy.street = other.street + " Apt \(Int.random(in: 2...9, using: &generator))"
        (copy.city, copy.state, copy.zip) = (other.city, other.state, other.zip)
        while copy.firstName == other.firstName { copy.firstName = Self.firstNames.randomElement(using: &generator)! }
        return copy
    }
}
