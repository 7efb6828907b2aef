import Foundation

/// A street line in USPS Publication 28 standard form, with its parsed parts.
public struct StandardAddress: Sendable, Hashable, Codable {
    public var number: String?
    public var preDirectional: String?
    public var name: String?
    public var suffix: String?
    public var postDirectional: String?
    public var unitType: String?
    public var unitNumber: String?
    /// `PO BOX 123` addresses: the box number (then number, name and suffix are nil).
    public var poBox: String?

    /// The delivery line: `1429 W ADDISON ST APT 4B`, `PO BOX 77`.
    public var line: String {
        if let poBox { return ["PO BOX \(poBox)", unitType, unitNumber].compactMap { $0 }.joined(separator: " ") }
        return [number, preDirectional, name, suffix, postDirectional, unitType, unitNumber].compactMap { $0 }.joined(separator: " ")
    }
}

/// Standardizes street lines to USPS Publication 28: upper case, punctuation removed, suffixes (C1),
/// directionals and secondary units (C2) abbreviated, spelled-out house numbers and ordinal street names
/// in figures. An address it cannot parse keeps its raw text and gets a reason.
public enum AddressNormalizer {
    public enum Result: Sendable, Equatable {
        case standard(StandardAddress)
        case unparseable(reason: String)
    }

    public static func normalize(_ text: String) -> Result {
        var tokens = tokenize(text)
        guard !tokens.isEmpty else { return .unparseable(reason: "street missing") }
        var address = StandardAddress()
        // `PO BOX # 12`, `POB 12`: before the units, or the `#` would be taken for one.
        if let box = poBoxNumber(tokens) {
            address.poBox = box
            return .standard(address)
        }
        extractUnit(from: &tokens, into: &address)

        if let box = poBoxNumber(tokens) {
            address.poBox = box
            return .standard(address)
        }
        guard let first = tokens.first else { return .unparseable(reason: "street missing") }
        if isOrdinal(first) {
            // `3RD WAY`, `21ST ST`: a numbered street with no house number before it.
            return .unparseable(reason: "no house number")
        }
        if first.first?.isNumber == true {
            address.number = first
            tokens.removeFirst()
            if let fraction = tokens.first, fraction.contains("/"), fraction.first?.isNumber == true {
                address.number! += " " + fraction
                tokens.removeFirst()
            }
        } else if let figure = USPSTables.cardinals[first] {
            address.number = figure
            tokens.removeFirst()
        } else {
            return .unparseable(reason: "no house number")
        }
        guard !tokens.isEmpty else { return .unparseable(reason: "no street name") }

        // A directional or suffix is only that when a street name remains: "123 NORTH ST", "45 COURT ST".
        if tokens.count >= 2, let last = tokens.last, let direction = USPSTables.directionals[last],
           tokens.count >= 3 || USPSTables.suffixes[tokens[0]] == nil {
            address.postDirectional = direction
            tokens.removeLast()
        }
        if tokens.count >= 2, let last = tokens.last, let suffix = USPSTables.suffixes[last] {
            address.suffix = suffix
            tokens.removeLast()
        }
        if tokens.count >= 2, let direction = USPSTables.directionals[tokens[0]] {
            address.preDirectional = direction
            tokens.removeFirst()
        }
        address.name = tokens.map { USPSTables.ordinals[$0] ?? $0 }.joined(separator: " ")
        return .standard(address)
    }

    /// Upper case; commas and periods gone; `#` kept as its own token.
    static func tokenize(_ text: String) -> [String] {
        var cleaned = ""
        for character in text.uppercased() {
            switch character {
            case ".", "'", "\"": continue
            case ",", ";", "\t", "\n", "\r": cleaned.append(" ")
            case "#": cleaned += " # "
            default: cleaned.append(character)
            }
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// Removes a secondary unit (`APT 4B`, `SUITE 200`, `# 3`, `#3`, `REAR`) from the end of the line.
    static func extractUnit(from tokens: inout [String], into address: inout StandardAddress) {
        guard tokens.count >= 2 else { return }
        for index in stride(from: tokens.count - 1, through: 1, by: -1) {
            let token = tokens[index]
            let isNumberedDesignator = USPSTables.units[token].map { !USPSTables.unitsWithoutNumber.contains($0) } ?? false
            if token == "#" || isNumberedDesignator {
                guard index + 1 < tokens.count else { continue }
                // "APT # 4": the # after a designator is noise.
                var numberIndex = index + 1
                if tokens[numberIndex] == "#", numberIndex + 1 < tokens.count { numberIndex += 1 }
                address.unitType = token == "#" ? "#" : USPSTables.units[token]
                address.unitNumber = tokens[numberIndex...].joined(separator: "").replacingOccurrences(of: "#", with: "")
                tokens.removeSubrange(index...)
                if token == "#", index >= 2, let type = USPSTables.units[tokens[index - 1]] {
                    address.unitType = type
                    tokens.removeLast()
                }
                return
            }
            if let type = USPSTables.units[token], USPSTables.unitsWithoutNumber.contains(type), index == tokens.count - 1, index >= 2 {
                address.unitType = type
                tokens.removeLast()
                return
            }
        }
    }

    /// The box number of `PO BOX 12`, `P O BOX 12`, `POST OFFICE BOX 12`, `POB 12`, `PO BX 12`, `BOX 12`,
    /// with or without a `#` before the number (`PO BOX #12`).
    static func poBoxNumber(_ tokens: [String]) -> String? {
        let words = tokens.filter { $0 != "#" }
        for prefix in [["PO", "BOX"], ["P", "O", "BOX"], ["POST", "OFFICE", "BOX"], ["POBOX"], ["POB"], ["PO", "BX"], ["BOX"]]
        where words.starts(with: prefix) {
            let rest = words.dropFirst(prefix.count)
            guard rest.count == 1, let number = rest.first, number.first?.isNumber == true || number.count <= 3 else { return nil }
            return number
        }
        return nil
    }

    /// `1ST`, `22ND`, `3RD`, `104TH`: an ordinal street name in figures.
    static func isOrdinal(_ token: String) -> Bool {
        let digits = token.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && ["ST", "ND", "RD", "TH"].contains(String(token.dropFirst(digits.count)))
    }

    /// A city name as the directory writes it: upper case, periods gone, `ST`/`FT`/`MT` spelled out.
    public static func cleanCity(_ text: String) -> String {
        let words = tokenize(text).filter { $0 != "#" }
        return words.enumerated().map { index, word in
            guard index == 0, words.count > 1 else { return word }
            return ["ST": "SAINT", "FT": "FORT", "MT": "MOUNT"][word] ?? word
        }.joined(separator: " ")
    }

    /// ZIP and ZIP+4 from `60614`, `60614-1234`, `606141234`, `z:60614`; nil parts when absent or malformed.
    public static func splitZIP(_ text: String) -> (zip: String?, plus4: String?) {
        let digits = text.filter(\.isNumber)
        let cleaned = text.filter { !$0.isWhitespace }
        switch digits.count {
        case 5 where cleaned.hasSuffix(digits) || cleaned == digits: return (digits, nil)
        case 9: return (String(digits.prefix(5)), String(digits.suffix(4)))
        default: return (nil, nil)
        }
    }
}
