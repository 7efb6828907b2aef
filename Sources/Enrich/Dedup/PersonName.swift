import Foundation

/// A customer's name reduced to what dedup compares: lower-case ASCII first and last name, and a
/// generational suffix. `Smith, Robert J.` and `ROBERT J SMITH JR.` give first `robert`, last `smith`.
public struct PersonName: Sendable, Hashable {
    /// The first given name, or nil when only one name was given.
    public var first: String?
    /// The family name (or the only name given).
    public var last: String
    /// `jr`, `sr`, `ii`, `iii`, `iv`: two people at one address may differ only by it.
    public var suffix: String?

    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr"]
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    public init(first: String?, last: String, suffix: String? = nil) {
        self.first = first
        self.last = last
        self.suffix = suffix
    }

    /// Parses a full name as people type it; nil when no letters remain.
    public init?(_ text: String) {
        // Folding accents is slow in Foundation; most names are plain ASCII and only need lower case.
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased()
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        // "Last, First": the part before the comma is the family name (unless it is only a suffix: "Smith, Jr.").
        let parts = folded.split(separator: ",", maxSplits: 1).map(Self.words)
        var words = parts.first ?? []
        if parts.count == 2 {
            let rest = parts[1]
            if !rest.isEmpty, !rest.allSatisfy(Self.suffixes.contains) { words = rest + words } else { words += rest }
        }
        var suffix: String?
        while let last = words.last, Self.suffixes.contains(last), words.count > 1 {
            suffix = suffix ?? last
            words.removeLast()
        }
        while let first = words.first, Self.titles.contains(first), words.count > 1 { words.removeFirst() }
        guard let last = words.last else { return nil }
        self.init(first: words.count > 1 ? words[0] : nil, last: last, suffix: suffix)
    }

    /// Letters only, apostrophes and hyphens closed up (`O'Brien` → `obrien`), split at anything else.
    static func words(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, CharacterSet.lowercaseLetters.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" || scalar == "-" {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Sound-alike codes of the first name's forms (nicknames resolved) and of the last name, each pair
    /// sorted so that a first and last name given the wrong way round still meet.
    public var blockCodes: [String] {
        guard let lastCode = Soundex.code(last) else { return [] }
        guard let first else { return [lastCode] }
        let firstCodes = Set(Nicknames.forms(of: first).compactMap(Soundex.code))
        return firstCodes.sorted().map { min($0, lastCode) + max($0, lastCode) }
    }
}
