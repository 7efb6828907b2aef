import Foundation
import LeadModel
import PostgresNIO

/// The report server's sessions (`server_sessions`), by the SHA-256 of the cookie's token: stored in the
/// database so they survive a restart and serve any number of server processes, and end on the
/// server's word (logout, disabled account).
public struct SessionRepository: Sendable {
    /// A live session row and its account.
    public struct Stored: Sendable, Hashable {
        public var userID: Int64
        public var createdAt: Date
        public var lastSeenAt: Date
        public var ended: Bool
        public var accountDisabled: Bool
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Records a new session for `userID`, begun at `now`.
    public func create(tokenHash: Data, userID: Int64, at now: Date) async throws {
        try await session.execute("""
            INSERT INTO server_sessions (token_hash, user_id, created_at, last_seen_at) VALUES (\(tokenHash), \(userID), \(now), \(now))
            """)
    }

    /// The session of that token, if one was ever made.
    public func find(tokenHash: Data) async throws -> Stored? {
        try await session.rows("""
            SELECT s.user_id, s.created_at, s.last_seen_at, s.ended_at IS NOT NULL, u.disabled_at IS NOT NULL
            FROM server_sessions s JOIN server_users u ON u.id = s.user_id WHERE s.token_hash = \(tokenHash)
            """).first.map { row in
            let (user, created, seen, ended, disabled) = try row.decode((Int64, Date, Date, Bool, Bool).self)
            return Stored(userID: user, createdAt: created, lastSeenAt: seen, ended: ended, accountDisabled: disabled)
        }
    }

    /// Notes that the session was used at `now` (the idle limit counts from here).
    public func touch(tokenHash: Data, at now: Date) async throws {
        try await session.execute("UPDATE server_sessions SET last_seen_at = \(now) WHERE token_hash = \(tokenHash) AND ended_at IS NULL")
    }

    /// Ends the session (logout, or found past a limit).
    public func end(tokenHash: Data, at now: Date) async throws {
        try await session.execute("UPDATE server_sessions SET ended_at = COALESCE(ended_at, \(now)) WHERE token_hash = \(tokenHash)")
    }
}
