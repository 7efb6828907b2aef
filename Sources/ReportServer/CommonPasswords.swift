import Foundation

/// The passwords attackers try first, at the lengths our policy allows: a common word or keyboard run,
/// perhaps repeated, perhaps with digits or symbols after it ("Password1234!", "qwertyqwerty",
/// "1q2w3e4r5t6y"), one character over and over, or a run of digits.
enum CommonPasswords {
    /// Words and runs from the top of the leaked-password lists, and our own names.
    static let bases: Set<String> = [
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "qwertyui", "asdfgh", "asdfghjkl", "zxcvbnm",
        "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "qazwsx", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx",
        "iloveyou", "letmein", "welcome", "admin", "administrator", "login", "abc", "abcd", "abcdef", "abcdefgh", "monkey", "dragon",
        "football", "baseball", "basketball", "soccer", "hockey", "sunshine", "princess", "shadow", "master", "superman", "batman",
        "starwars", "trustno1", "whatever", "freedom", "michael", "jennifer", "jordan", "hunter", "ranger", "buster", "harley",
        "charlie", "thomas", "robert", "daniel", "jessica", "ashley", "nicole", "summer", "winter", "autumn", "spring", "chicago",
        "america", "computer", "internet", "secret", "changeme", "default", "access", "mustang", "killer", "pepper", "cheese",
        "flower", "hello", "helloworld", "hottie", "lovely", "loveme", "matrix", "ninja", "samsung", "apple", "google", "facebook",
        "linkedin", "microsoft", "plumber", "plumbing", "plumberleads", "leads", "pipe", "pipes", "drain", "water", "heater",
    ]

    /// Whether `password` is one of them (any case).
    static func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if Set(lowered).count <= 2 { return true }
        if isRun(lowered) { return true }
        // Digits and symbols after the word ("Password1234!").
        let word = String(lowered.reversed().drop { $0.isNumber || $0.isPunctuation || $0.isSymbol }.reversed())
        if bases.contains(word) || word.isEmpty { return true }
        // A word said twice or more ("qwertyqwerty", "passwordpassword").
        for length in 3...max(3, word.count / 2) where word.count % length == 0 {
            let unit = String(word.prefix(length))
            if String(repeating: unit, count: word.count / length) == word, bases.contains(unit) || isRun(unit) { return true }
        }
        return false
    }

    /// A run of consecutive digits or letters, up or down ("123456789012", "abcdefghijkl", "987654321098").
    static func isRun(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count >= 6, text.allSatisfy({ $0.isNumber || $0.isLetter }) else { return false }
        let steps = zip(scalars.dropFirst(), scalars).map { Int($0) - Int($1) }
        // Digits wrap around: 8, 9, 0, 1.
        let up = steps.allSatisfy { $0 == 1 || $0 == -9 }, down = steps.allSatisfy { $0 == -1 || $0 == 9 }
        return up || down
    }
}
