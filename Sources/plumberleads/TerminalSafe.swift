/// What the commands print, made safe for a terminal: lead fields, file names and reasons come from
/// exports, and an escape sequence in a name (`\u{1B}]0;…`, a cursor move, a screen clear) must show as
/// text, not act. Every control character but the line break and the tab is written as `\u{…}`.
enum TerminalSafe {
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F..<0xA0: true
        // Bidirectional overrides and isolates reorder what follows them on the screen.
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// `print` for this module: everything a command prints goes through `TerminalSafe`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalSafe.escape(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
