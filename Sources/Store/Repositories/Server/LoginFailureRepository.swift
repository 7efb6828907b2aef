import Foundation
import PostgresNIO

/// Failed logins (`login_failures`), by the blind indexes of the account tried and of the client's
/// address, for throttling.
public struct LoginFailureRepository: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Records a failure at `now`.
    public func record(account: Data, address: Data, at now: Date) async throws {
        try await session.execute("INSERT INTO login_failures (at, account_bidx, address_bidx) VALUES (\(now), \(account), \(address))")
    }

    /// The failures since `since` for that account and from that address.
    public func counts(account: Data, address: Data, since: Date) async throws -> (account: Int, address: Int) {
        try await session.rows("""
            SELECT (SELECT count(*) FROM login_failures WHERE account_bidx = \(account) AND at >= \(since))::int,
                   (SELECT count(*) FROM login_failures WHERE address_bidx = \(address) AND at >= \(since))::int
            """)[0].decode((Int, Int).self)
    }

    /// Forgets the account's failures after a successful login.
    public func clear(account: Data) async throws {
        try await session.execute("DELETE FROM login_failures WHERE account_bidx = \(account)")
    }

    /// Drops failures older than `before` (they no longer count).
    public func prune(before: Date) async throws {
        try await session.execute("DELETE FROM login_failures WHERE at < \(before)")
    }
}
