import Foundation

/// How long a session lives: 12 hours from login at most, and 30 minutes without a request.
public struct SessionPolicy: Sendable {
    public var absolute: TimeInterval
    public var idle: TimeInterval

    public init(absolute: TimeInterval = 12 * 3600, idle: TimeInterval = 30 * 60) {
        (self.absolute, self.idle) = (absolute, idle)
    }

    /// Whether a session begun at `created` and last used at `lastSeen` still works at `now`.
    public func isLive(created: Date, lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(created) < absolute && now.timeIntervalSince(lastSeen) < idle
    }
}
