/// Two leads compared part by part — name, street address, phone, email — and what that says: the same
/// person or not, the same job or not, and the evidence in words (stored as the dedup reason).
///
/// The decision is written out as rules rather than a weighted score so that ops can read why:
/// - an equal phone or email is the same person;
/// - otherwise the name must agree (spelling slips, nicknames and swapped first/last allowed) and at least
///   one more thing must tie them: a phone or email one typo away, or the same street address with no
///   second email that contradicts it;
/// - a name that agrees only on the family name (twins, a couple) or a different unit at one house number
///   (neighbours) never suffices without a typo-close phone or email.
/// The same person is asking for the same job when the service is the same and the addresses do not
/// point at two different places.
public struct LeadComparison: Sendable, Equatable {
    public enum Name: Sendable, Equatable {
        /// Equal up to nicknames, or with one slip in the first or the last name.
        case same(firstSlip: Bool, lastSlip: Bool, swapped: Bool)
        /// Family name agrees; one side gives only an initial or no first name.
        case partial
        /// Family name agrees, first names differ: another member of the household.
        case firstDiffers
        case differs
        case unknown
    }

    public enum Part: Sendable, Equatable {
        case same, near, differs, unknown
    }

    public var name: Name
    public var address: Part
    /// True when the house numbers differ only by two digits swapped (a slip, not the house next door).
    public var numberTransposed: Bool
    /// True when both leads have a unit at one house number and the units differ.
    public var otherUnit: Bool
    public var phone: Part
    public var email: Part
    public var phoneTransposed: Bool

    public init(_ a: DedupProfile, _ b: DedupProfile) {
        name = Self.compare(a.name, b.name)
        (address, numberTransposed, otherUnit) = Self.compare(a.address, b.address, sameZIP: a.zip == b.zip)
        (phone, phoneTransposed) = Self.comparePhones(a.phone, b.phone)
        email = Self.compareEmails(a.email, b.email)
    }

    /// The same person, by the rules above.
    public var samePerson: Bool {
        if phone == .same || email == .same { return true }
        let contactNear = phone == .near || email == .near
        switch name {
        case .same(let firstSlip, _, _):
            if contactNear { return true }
            // Nothing typo-close: the same house must tie them, and no second email may contradict it.
            // A slip in a first name is not enough here (twins Carla and Karla), one in the family name is.
            let sameHouse = address == .same || (address == .near && numberTransposed)
            return !firstSlip && sameHouse && !otherUnit && email != .differs
        case .partial:
            return contactNear
        case .firstDiffers, .differs, .unknown:
            return false
        }
    }

    /// True when an equal phone or email ties them.
    public var exactContact: Bool { phone == .same || email == .same }

    /// True when both leads give a place and the places differ: the same person's job elsewhere.
    public var otherPlace: Bool { address == .differs || otherUnit }

    /// The evidence in words: "same name and address, another phone".
    public var evidence: String {
        var parts: [String] = []
        switch name {
        case .same(let firstSlip, let lastSlip, let swapped):
            parts.append(firstSlip || lastSlip ? "name spelled differently" : "same name")
            if swapped { parts[parts.count - 1] += " (first and last swapped)" }
        case .partial: parts.append("same family name, first name incomplete")
        case .firstDiffers: parts.append("same family name, another first name")
        case .differs: parts.append("another name")
        case .unknown: break
        }
        switch (address, otherUnit) {
        case (_, true): parts.append("another unit")
        case (.same, _): parts.append("same address")
        case (.near, _): parts.append(numberTransposed ? "house number with two digits swapped" : "address one slip away")
        case (.differs, _): parts.append("another address")
        case (.unknown, _): break
        }
        switch phone {
        case .same: parts.append("same phone")
        case .near: parts.append(phoneTransposed ? "phone with two digits transposed" : "phone one digit off")
        case .differs: parts.append("another phone")
        case .unknown: break
        }
        switch email {
        case .same: parts.append("same email")
        case .near: parts.append("email one slip away")
        case .differs, .unknown: break
        }
        return parts.joined(separator: ", ")
    }

    // MARK: Names

    static func compare(_ a: PersonName?, _ b: PersonName?) -> Name {
        guard let a, let b else { return .unknown }
        if let s = a.suffix, let t = b.suffix, s != t { return .firstDiffers }
        let straight = orientation(a.first, a.last, b.first, b.last)
        if case .same = straight { return straight }
        if let first = a.first, let other = b.first, case .same(let firstSlip, let lastSlip, _) = orientation(a.last, first, other, b.last) {
            return .same(firstSlip: firstSlip, lastSlip: lastSlip, swapped: true)
        }
        return straight
    }

    private static func orientation(_ firstA: String?, _ lastA: String, _ firstB: String?, _ lastB: String) -> Name {
        let last = agreement(lastA, lastB, given: false)
        guard last > 0.5 else { return .differs }
        guard let firstA, let firstB else { return .partial }
        let first = agreement(firstA, firstB, given: true)
        switch first {
        case 0.9...: return .same(firstSlip: first < 1, lastSlip: last < 1, swapped: false)
        case 0.5: return .partial
        default: return .firstDiffers
        }
    }

    /// 1 equal (or nickname), 0.9 one slip apart, 0.5 an initial that fits, 0 different.
    static func agreement(_ a: String, _ b: String, given: Bool) -> Double {
        if a == b || (given && Nicknames.equivalent(a, b)) { return 1 }
        if a.count == 1 || b.count == 1 { return a.first == b.first ? 0.5 : 0 }
        // One slip in a name of four letters or more; shorter names differ by one letter too often
        // (Jon and Jan, Mark and Mary are different people).
        if min(a.count, b.count) >= 4, StringSimilarity.editDistance(a, b) <= 1 {
            // …and a given name's last letter often makes another name (Daniel/Daniela, Paul/Paula, Eric/Erin),
            // except a silent h (Sara/Sarah).
            if given, a.dropLast() == b.dropLast() || a.dropLast() == b || b.dropLast() == a,
               !(a == b + "h" || b == a + "h") { return 0 }
            return 0.9
        }
        return 0
    }

    // MARK: Addresses

    static func compare(_ a: StandardAddress?, _ b: StandardAddress?, sameZIP: Bool) -> (Part, transposed: Bool, otherUnit: Bool) {
        guard let a, let b else { return (.unknown, false, false) }
        if a.poBox != nil || b.poBox != nil {
            guard let boxA = a.poBox, let boxB = b.poBox else { return (.unknown, false, false) }
            return (boxA == boxB && sameZIP ? .same : .differs, false, false)
        }
        guard let numberA = a.number, let numberB = b.number, let nameA = a.name, let nameB = b.name else { return (.unknown, false, false) }
        var part = Part.same
        var transposed = false
        if numberA != numberB {
            guard numberA.count == numberB.count, StringSimilarity.editDistance(numberA, numberB) <= 1 else { return (.differs, false, false) }
            part = .near
            transposed = numberA.sorted() == numberB.sorted()
        }
        // "6725 W Irving Park" reads PARK as the suffix of IRVING; with "6725 W Irving Park Rd" it is part of the name.
        let suffixLeftOut = nameA + " " + (a.suffix ?? "") == nameB || nameB + " " + (b.suffix ?? "") == nameA
        if nameA != nameB, !suffixLeftOut {
            guard min(nameA.count, nameB.count) >= 4, StringSimilarity.editDistance(nameA, nameB) <= 1 else { return (.differs, false, false) }
            part = .near
        }
        if let x = a.preDirectional, let y = b.preDirectional, x != y { return (.differs, false, false) }
        if let x = a.postDirectional, let y = b.postDirectional, x != y { return (.differs, false, false) }
        if let x = a.suffix, let y = b.suffix, x != y, !suffixLeftOut { return (.differs, false, false) }
        if !sameZIP { part = .near }
        let otherUnit = a.unitNumber != nil && b.unitNumber != nil && a.unitNumber != b.unitNumber
        return (part, transposed, otherUnit)
    }

    // MARK: Contact

    static func comparePhones(_ a: String?, _ b: String?) -> (Part, transposed: Bool) {
        guard let a, let b else { return (.unknown, false) }
        if a == b { return (.same, false) }
        guard a.count == b.count else { return (.differs, false) }
        let x = Array(a.utf8), y = Array(b.utf8)
        let differing = x.indices.filter { x[$0] != y[$0] }
        if differing.count == 1 { return (.near, false) }
        if differing.count == 2, differing[1] == differing[0] + 1, x[differing[0]] == y[differing[1]], x[differing[1]] == y[differing[0]] {
            return (.near, true)
        }
        return (.differs, false)
    }

    static func compareEmails(_ a: String?, _ b: String?) -> Part {
        guard let a, let b else { return .unknown }
        if a == b { return .same }
        let (localA, domainA) = split(a), (localB, domainB) = split(b)
        if localA == localB, StringSimilarity.editDistance(domainA, domainB) <= 2 { return .near }
        // A slip in the letters of the name part; digits that differ are usually another person's
        // address (linda.walker211 and linda.walker219 are namesakes).
        if domainA == domainB, min(localA.count, localB.count) >= 5, localA.filter(\.isNumber) == localB.filter(\.isNumber),
           StringSimilarity.editDistance(localA, localB) <= 1 { return .near }
        return .differs
    }

    private static func split(_ email: String) -> (String, String) {
        guard let at = email.lastIndex(of: "@") else { return (email, "") }
        return (String(email[..<at]), String(email[email.index(after: at)...]))
    }
}
