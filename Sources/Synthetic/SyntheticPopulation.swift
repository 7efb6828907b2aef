/// Where synthetic people come from: their names, places and phone area codes.
///
/// The demo's Chicago population is small on purpose (namesakes and shared streets are common, which
/// dedup must cope with). A benchmark of a million leads a day needs the spread of a national business
/// instead — tens of thousands of ZIPs, hundreds of area codes, a thousand family names — or every
/// name block would hold thousands of strangers, which no real day does.
public struct SyntheticPopulation: Sendable {
    public var firstNames: [String]
    public var lastNames: [String]
    /// ZIP, city, state.
    public var places: [(String, String, String)]
    public var areaCodes: [String]

    public static let chicago = SyntheticPopulation(
        firstNames: SyntheticPerson.firstNames, lastNames: SyntheticPerson.lastNames, places: SyntheticPerson.places,
        areaCodes: SyntheticPerson.areaCodes)

    static let moreFirstNames = [
        "Aaron", "Adam", "Alan", "Albert", "Alice", "Amy", "Angela", "Anna", "Arthur", "Austin", "Beverly", "Billy", "Bobby", "Bradley",
        "Brenda", "Bruce", "Bryan", "Carl", "Catherine", "Charles", "Cheryl", "Christina", "Christine", "Cynthia", "Dennis", "Diana",
        "Diane", "Dorothy", "Douglas", "Dylan", "Edward", "Eric", "Ethan", "Eugene", "Evelyn", "Frances", "Frank", "Gary", "George",
        "Gerald", "Gloria", "Grace", "Gregory", "Hannah", "Harold", "Heather", "Helen", "Henry", "Jack", "Jacob", "Janet", "Janice",
        "Jason", "Jean", "Jeffrey", "Jeremy", "Jerry", "Joan", "Jonathan", "Jordan", "Joshua", "Joyce", "Judith", "Julia", "Julie",
        "Justin", "Katherine", "Kathleen", "Keith", "Kelly", "Kenneth", "Kyle", "Larry", "Laura", "Lauren", "Lawrence", "Logan",
        "Louis", "Madison", "Margaret", "Maria", "Marie", "Martha", "Megan", "Nathan", "Nicholas", "Nicole", "Noah", "Olivia", "Pamela",
        "Patrick", "Paul", "Peter", "Philip", "Rachel", "Ralph", "Raymond", "Rebecca", "Roger", "Ronald", "Rose", "Russell", "Ruth",
        "Samuel", "Scott", "Sean", "Sharon", "Shirley", "Sophia", "Teresa", "Terry", "Timothy", "Victoria", "Virginia", "Walter", "Zachary",
    ]

    /// A national population placed on `places` (the ZIP directory's standard ZIPs, say) with phones in
    /// `areaCodes` (the US codes in service, say): 164 given names, 1,000 made-up family names.
    public static func national(places: [(String, String, String)], areaCodes: [String]) -> SyntheticPopulation {
        let stems = [
            "And", "Bar", "Cal", "Dav", "Ell", "Fer", "Gar", "Hal", "Ing", "Jen", "Kel", "Lam", "Mor", "Nor", "Ost", "Par", "Quin", "Ros",
            "Sul", "Tor", "Ulr", "Val", "Wal", "Yor", "Zim", "Bren", "Char", "Dun", "Fitz", "Hart", "Kirk", "Lind", "Mac", "Pem", "Stan",
            "Thorn", "Wes", "Blan", "Crow", "Dal",
        ]
        let endings = [
            "son", "ley", "man", "ton", "ford", "berg", "well", "wood", "ski", "ez", "er", "ing", "ham", "stein", "by", "den", "ett",
            "ard", "land", "ridge", "more", "field", "ick", "ner", "ow",
        ]
        let lastNames = stems.flatMap { stem in endings.map { stem + $0 } }
        return SyntheticPopulation(
            firstNames: SyntheticPerson.firstNames + moreFirstNames, lastNames: lastNames, places: places, areaCodes: areaCodes)
    }
}
