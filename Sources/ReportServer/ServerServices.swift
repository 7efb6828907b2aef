import Foundation
import Hummingbird
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
    /// The reason codes a credit may be asked for, with their words (`pipelines/returns.yml`).
    public var returnReasons: [String: String]
    /// Proxies whose `X-Forwarded-For` names the client (the TLS front on this machine, say); any other
    /// peer's header is ignored, so a client cannot choose the address its failed logins count against.
    public var trustedProxies: Set<String>
    /// bcrypt's cost for new passwords (at least 12 outside tests).
    public var bcryptCost: UInt8
    public var logger: Logger
    /// Requests by route and status, and their latency (`/metrics`).
    public let metrics = ServerMetrics()
    /// What the server keeps for a few seconds.
    public let caches = ServerCaches()

    /// The reasons as a page's select lists them.
    var reasonOptions: [[String: String]] {
        returnReasons.sorted { $0.key < $1.key }.map { code, words in
            ["code": code, "label": code.replacingOccurrences(of: "_", with: " ").capitalized, "words": words]
        }
    }

    /// The reason code a credit form sent, if it is one of the rules'.
    func reasonCode(_ form: [String: String]) throws -> String {
        guard let code = form["reason"], returnReasons[code] != nil else { throw HTTPError(.badRequest) }
        return code
    }

    public init(
        pool: DatabasePool, cipher: PIICipher, pages: PageRenderer, links: LinkSigner, clock: @escaping @Sendable () -> Date = Date.init,
        sessions: SessionPolicy = SessionPolicy(), throttle: LoginThrottle = LoginThrottle(), returnReasons: [String: String] = [:],
        trustedProxies: Set<String> = [], bcryptCost: UInt8 = 12, logger: Logger
    ) {
        self.trustedProxies = trustedProxies
        self.returnReasons = returnReasons
        (self.pool, self.cipher, self.pages, self.links, self.clock) = (pool, cipher, pages, links, clock)
        (self.sessions, self.throttle, self.bcryptCost, self.logger) = (sessions, throttle, bcryptCost, logger)
    }
}
