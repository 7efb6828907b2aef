import Foundation
import PostgresNIO

/// Invites (`server_invites`): single-use, expiring links to set a password, by the SHA-256 of the token.
public struct InviteRepository: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Records an invite for `userID` that works until `expires`.
    public func create(tokenHash: Data, userID: Int64, expires: Date) async throws {
        try await session.execute("INSERT INTO server_invites (token_hash, user_id, expires_at) VALUES (\(tokenHash), \(userID), \(expires))")
    }

    /// The account an unused, unexpired invite is for, without using it.
    public func pending(tokenHash: Data, at now: Date) async throws -> Int64? {
        try await session.rows("""
            SELECT user_id FROM server_invites WHERE token_hash = \(tokenHash) AND used_at IS NULL AND expires_at > \(now)
            """).first?.decode(Int64.self)
    }

    /// Uses the invite (once: a second use finds nothing) and returns its account, or nil.
    public func redeem(tokenHash: Data, at now: Date) async throws -> Int64? {
        try await session.rows("""
            UPDATE server_invites SET used_at = \(now)
            WHERE token_hash = \(tokenHash) AND used_at IS NULL AND expires_at > \(now) RETURNING user_id
            """).first?.decode(Int64.self)
    }
}
