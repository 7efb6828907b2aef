/// Common English given-name nicknames and the formal names they stand for (`bob` → `robert`), so that
/// "Bob Smith" and "Robert Smith" are one person to dedup. A nickname may stand for several names
/// (`sam`: samuel, samantha); two first names are equivalent when their sets of forms meet.
public enum Nicknames {
    /// The formal name and its usual short forms, lower case ASCII.
    static let table: [(formal: String, short: [String])] = [
        ("abigail", ["abby", "abbie", "gail"]), ("albert", ["al", "bert", "bertie"]), ("alexander", ["alex", "al", "xander", "sasha"]),
        ("alexandra", ["alex", "lexi", "sandra", "sasha"]), ("alfred", ["al", "alf", "fred"]), ("allison", ["ali", "allie"]),
        ("andrew", ["andy", "drew"]), ("angela", ["angie"]), ("anthony", ["tony", "ant"]), ("arthur", ["art", "artie"]),
        ("barbara", ["barb", "barbie", "babs"]), ("benjamin", ["ben", "benny", "benji"]), ("bernard", ["bernie"]),
        ("beverly", ["bev"]), ("bradley", ["brad"]), ("brian", ["bri"]), ("calvin", ["cal"]), ("catherine", ["cathy", "cat", "kate"]),
        ("charles", ["charlie", "chuck", "chas", "chaz"]), ("charlotte", ["charlie", "lottie"]), ("christina", ["chris", "tina", "chrissy"]),
        ("christine", ["chris", "chrissy", "tina"]), ("christopher", ["chris", "kit", "topher"]), ("cynthia", ["cindy"]),
        ("daniel", ["dan", "danny"]), ("danielle", ["dani"]), ("david", ["dave", "davey"]), ("deborah", ["deb", "debbie", "debby"]),
        ("dennis", ["denny"]), ("donald", ["don", "donnie"]), ("dorothy", ["dot", "dottie"]), ("douglas", ["doug"]),
        ("edward", ["ed", "eddie", "ted", "teddy", "ned"]), ("eleanor", ["ellie", "nora"]), ("elizabeth", ["liz", "lizzie", "beth", "betty", "betsy", "eliza", "libby"]),
        ("emily", ["em", "emmy"]), ("eugene", ["gene"]), ("frances", ["fran", "frannie"]), ("francis", ["frank", "fran"]),
        ("franklin", ["frank"]), ("frederick", ["fred", "freddie"]), ("gabriel", ["gabe"]), ("gerald", ["jerry", "gerry"]),
        ("gregory", ["greg"]), ("harold", ["hal", "harry"]), ("henry", ["hank", "harry"]), ("herbert", ["herb"]),
        ("isabella", ["bella", "izzy"]), ("jacob", ["jake"]), ("james", ["jim", "jimmy", "jamie"]), ("janet", ["jan"]),
        ("jeffrey", ["jeff"]), ("jennifer", ["jen", "jenny", "jenn"]), ("jessica", ["jess", "jessie"]), ("john", ["jack", "johnny", "jon"]),
        ("jonathan", ["jon", "jonny"]), ("jose", ["pepe"]), ("joseph", ["joe", "joey"]), ("josephine", ["jo", "josie"]),
        ("joshua", ["josh"]), ("judith", ["judy"]), ("katherine", ["kate", "katie", "kathy", "kat"]), ("kathleen", ["kathy", "kate"]),
        ("kenneth", ["ken", "kenny"]), ("kimberly", ["kim"]), ("lawrence", ["larry"]), ("leonard", ["leo", "len", "lenny"]),
        ("louis", ["lou"]), ("margaret", ["maggie", "meg", "peggy", "marge"]), ("matthew", ["matt"]), ("melissa", ["mel", "missy"]),
        ("michael", ["mike", "mikey", "mick"]), ("michelle", ["shelly"]), ("nathan", ["nate"]), ("nathaniel", ["nate", "nat"]),
        ("nicholas", ["nick", "nicky"]), ("nicole", ["nikki"]), ("pamela", ["pam"]), ("patricia", ["pat", "patty", "tricia", "trish"]),
        ("patrick", ["pat", "paddy"]), ("peter", ["pete"]), ("philip", ["phil"]), ("raymond", ["ray"]), ("rebecca", ["becky", "becca"]),
        ("richard", ["rick", "rich", "richie", "dick", "ricky"]), ("robert", ["bob", "bobby", "rob", "robbie", "bert"]),
        ("ronald", ["ron", "ronnie"]), ("russell", ["russ"]), ("samantha", ["sam", "sammy"]), ("samuel", ["sam", "sammy"]),
        ("sandra", ["sandy"]), ("stephanie", ["steph"]), ("stephen", ["steve", "stevie"]), ("steven", ["steve", "stevie"]),
        ("susan", ["sue", "susie", "suzy"]), ("terrence", ["terry"]), ("theodore", ["ted", "teddy", "theo"]), ("thomas", ["tom", "tommy"]),
        ("timothy", ["tim", "timmy"]), ("victoria", ["vicky", "tori"]), ("vincent", ["vince", "vinny"]), ("walter", ["walt"]),
        ("william", ["bill", "billy", "will", "willie", "liam"]), ("zachary", ["zach", "zack"]),
    ]

    static let formalNames: [String: [String]] = {
        var names: [String: [String]] = [:]
        for (formal, shorts) in table {
            for short in shorts { names[short, default: []].append(formal) }
        }
        return names
    }()

    /// `name` and every formal name it may be short for: `bob` → [bob, robert].
    public static func forms(of name: String) -> [String] {
        [name] + (formalNames[name] ?? [])
    }

    /// True when the two first names are equal or one may be the other's nickname (or both of one name).
    public static func equivalent(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let other = forms(of: b)
        return forms(of: a).contains { other.contains($0) }
    }
}
