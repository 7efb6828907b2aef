import Foundation
/// Splits a SQL script into statements at semicolons outside quotes, comments and dollar-quoted bodies,
/// because PostgreSQL's extended protocol (all PostgresNIO speaks) takes one statement at a time.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let chars = Array(script)
        var index = 0
        var dollarTag: String?
        while index < chars.count {
            let c = chars[index]
            let next = index + 1 < chars.count ? chars[index + 1] : nil
            if let tag = dollarTag {
                if String(chars[index..<min(chars.count, index + tag.count)]) == tag {
                    current += tag
                    index += tag.count
                    dollarTag = nil
                } else {
                    current.append(c)
                    index += 1
                }
                continue
            }
            if c == "-" && next == "-" {
                while index < chars.count && chars[index] != "\n" { index += 1 }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c)
                index += 1
                while index < chars.count {
                    current.append(chars[index])
                    index += 1
                    if chars[index - 1] == c { break }
                }
                continue
            }
            if c == "$", let end = chars[(index + 1)...].firstIndex(of: "$"),
               chars[(index + 1)..<end].allSatisfy({ $0.isLetter || $0 == "_" }) {
                let tag = String(chars[index...end])
                dollarTag = tag
                current += tag
                index = end + 1
                continue
            }
            if c == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(c)
            }
            index += 1
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
