/// String helpers for hot paths that avoid Foundation's bridged `NSString` implementations.
public enum FastText {
    /// `text` without leading and trailing ASCII spaces, tabs and line breaks.
    @inlinable
    public static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = utf8.lastIndex(where: { !isSpace($0) })!
        return String(text[start...end])
    }

    /// Whether `text` holds `needle` (byte-wise, so case-sensitive).
    @inlinable
    public static func contains(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text.utf8), pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        guard haystack.count >= pattern.count else { return false }
        let first = pattern[0]
        var index = 0
        let limit = haystack.count - pattern.count
        while index <= limit {
            if haystack[index] == first {
                var match = true
                for offset in 1..<pattern.count where haystack[index + offset] != pattern[offset] {
                    match = false
                    break
                }
                if match { return true }
            }
            index += 1
        }
        return false
    }

    @inlinable
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
