/// American Soundex (the U.S. National Archives rules): a letter and three digits that names which sound
/// alike share — `Smith`, `Smyth` and `Smithe` are all `S530`. Dedup blocks on it, so a misspelled last
/// name still meets the earlier lead it repeats.
public enum Soundex {
    /// The code of `name`'s ASCII letters, or nil when it has none. Expects lower- or upper-case ASCII.
    public static func code(_ name: String) -> String? {
        var letters = name.utf8.lazy.map { $0 | 0x20 }.filter { $0 >= 0x61 && $0 <= 0x7A }.makeIterator()
        guard let first = letters.next() else { return nil }
        var code = [first - 0x20]
        var previous = digit(first)
        while code.count < 4, let letter = letters.next() {
            let current = digit(letter)
            // H and W do not separate letters of one code; vowels (and Y) do.
            if letter == 0x68 || letter == 0x77 { continue }
            if current != 0, current != previous { code.append(0x30 + current) }
            previous = current
        }
        while code.count < 4 { code.append(0x30) }
        return String(decoding: code, as: UTF8.self)
    }

    private static func digit(_ letter: UInt8) -> UInt8 {
        switch letter {
        case 0x62, 0x66, 0x70, 0x76: 1  // b f p v
        case 0x63, 0x67, 0x6A, 0x6B, 0x71, 0x73, 0x78, 0x7A: 2  // c g j k q s x z
        case 0x64, 0x74: 3  // d t
        case 0x6C: 4  // l
        case 0x6D, 0x6E: 5  // m n
        case 0x72: 6  // r
        default: 0  // vowels, y, h, w
        }
    }
}
