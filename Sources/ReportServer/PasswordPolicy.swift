import Foundation

/// What a password must be: 12 to 64 characters, at most 72 bytes (bcrypt ignores the rest without a
/// word), and not one of the most common passwords.
public enum PasswordPolicy {
    public static let minimumCharacters = 12
    public static let maximumCharacters = 64
    /// bcrypt reads only this many bytes.
    public static let maximumBytes = 72

    /// Why `password` is refused, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        let characters = password.count
        if characters < minimumCharacters { return "a password needs at least \(minimumCharacters) characters" }
        if characters > maximumCharacters { return "a password may have at most \(maximumCharacters) characters" }
        if password.utf8.count > maximumBytes { return "a password may take at most \(maximumBytes) bytes (bcrypt ignores the rest)" }
        if CommonPasswords.contains(password) { return "that password is one of the most common ones: choose another" }
        return nil
    }
}
