import Foundation

/// How many failed logins an hour an account and a client address may have before further attempts
/// are refused without checking the password (so bcrypt never runs for them).
public struct LoginThrottle: Sendable {
    public var window: TimeInterval
    public var perAccount: Int
    public var perAddress: Int

    public init(window: TimeInterval = 3600, perAccount: Int = 10, perAddress: Int = 100) {
        (self.window, self.perAccount, self.perAddress) = (window, perAccount, perAddress)
    }

    /// Whether an attempt may be checked, given the failures counted within the window.
    public func allows(accountFailures: Int, addressFailures: Int) -> Bool {
        accountFailures < perAccount && addressFailures < perAddress
    }
}
