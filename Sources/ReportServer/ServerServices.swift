import Foundation
import Logging
import Reports
import SignedLinks
import Store

/// What the report server works with: the database pool, the PII cipher, the pages, the link signer,
/// the clock and the rules for sessions and logins. Time comes in as a parameter, so session limits and
/// throttling are tested without waiting.
public struct ServerServices: Sendable {
    public var pool: DatabasePool
    public var cipher: PIICipher
    public var pages: PageRenderer
    public var links: LinkSigner
    public var clock: @Sendable () -> Date
    public var sessions: SessionPolicy
    public var throttle: LoginThrottle
    /// bcrypt's cost for new passwords (at least 12 outside tests).
    public var bcryptCost: UInt8
    public var logger: Logger

    public init(
        pool: DatabasePool, cipher: PIICipher, pages: PageRenderer, links: LinkSigner, clock: @escaping @Sendable () -> Date = Date.init,
        sessions: SessionPolicy = SessionPolicy(), throttle: LoginThrottle = LoginThrottle(), bcryptCost: UInt8 = 12, logger: Logger
    ) {
        (self.pool, self.cipher, self.pages, self.links, self.clock) = (pool, cipher, pages, links, clock)
        (self.sessions, self.throttle, self.bcryptCost, self.logger) = (sessions, throttle, bcryptCost, logger)
    }
}
