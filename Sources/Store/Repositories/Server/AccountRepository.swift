import Foundation
import LeadModel
import PostgresNIO

/// The report server's accounts (`server_users`): admins by email, plumbers tied to their roster id.
/// The email is encrypted and found by its blind index.
public struct AccountRepository: Sendable {
    /// An account as the server needs it to sign someone in.
    public struct Account: Sendable, Hashable {
        public var id: Int64
        public var email: String
        public var role: UserRole
        /// The plumber's internal id and roster id; nil for an admin.
        public var plumberID: Int64?
        public var plumberExternalID: String?
        /// The bcrypt hash; nil until the invite is used.
        public var passwordHash: String?
        public var disabled: Bool
    }

    let session: DatabaseSession
    let cipher: PIICipher

    public init(_ session: DatabaseSession, cipher: PIICipher) {
        (self.session, self.cipher) = (session, cipher)
    }

    /// The form of an email the blind index is taken of.
    public static func normalized(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Creates an account; throws `AccountError` when the email is taken or the roster id unknown.
    public func add(email: String, role: UserRole, plumber externalID: String?) async throws -> Int64 {
        let key = Self.normalized(email)
        var plumberID: Int64?
        if role == .plumber {
            guard let externalID else { throw AccountError("a plumber's account needs their roster id (--plumber PL-0001)") }
            let found = try await session.rows("SELECT id FROM plumbers WHERE external_id = \(externalID)")
            guard let id = try found.first?.decode(Int64.self) else { throw AccountError("no plumber \(externalID) in the roster") }
            plumberID = id
        }
        let rows = try await session.rows("""
            INSERT INTO server_users (email_enc, email_bidx, role, plumber_id)
            VALUES (\(try cipher.encrypt(key)), \(cipher.blindIndex(key)), \(role.rawValue), \(plumberID))
            ON CONFLICT (email_bidx) DO NOTHING
            RETURNING id
            """)
        guard let id = try rows.first?.decode(Int64.self) else { throw AccountError("an account for \(key) exists already") }
        return id
    }

    /// The account signing in with `email`, if any.
    public func find(email: String) async throws -> Account? {
        try await accounts(email: cipher.blindIndex(Self.normalized(email))).first
    }

    /// The account `id`, if any.
    public func find(id: Int64) async throws -> Account? {
        try await accounts(id: id).first
    }

    /// Every account, admins first, then by email.
    public func all() async throws -> [Account] {
        try await accounts().sorted { ($0.role == .admin ? 0 : 1, $0.email) < ($1.role == .admin ? 0 : 1, $1.email) }
    }

    /// The accounts with that id or email index (either nil: any).
    private func accounts(id: Int64? = nil, email: Data? = nil) async throws -> [Account] {
        try await session.rows("""
            SELECT u.id, u.email_enc, u.role, u.plumber_id, p.external_id, u.password_hash, u.disabled_at IS NOT NULL
            FROM server_users u LEFT JOIN plumbers p ON p.id = u.plumber_id
            WHERE (\(id)::bigint IS NULL OR u.id = \(id)) AND (\(email)::bytea IS NULL OR u.email_bidx = \(email))
            """).map { row in
            let (id, email, role, plumber, external, hash, disabled) = try row.decode((Int64, Data, String, Int64?, String?, String?, Bool).self)
            guard let role = UserRole(rawValue: role) else { throw StoreError(.unexpectedValue, "account \(id) has role \(role)") }
            return Account(
                id: id, email: try cipher.decrypt(email), role: role, plumberID: plumber, plumberExternalID: external, passwordHash: hash,
                disabled: disabled)
        }
    }

    /// Sets the password hash of account `id`.
    public func setPasswordHash(_ hash: String, for id: Int64) async throws {
        try await session.execute("UPDATE server_users SET password_hash = \(hash) WHERE id = \(id)")
    }

    /// Disables the account of `email` and ends its sessions; false when there is no such account.
    public func disable(email: String, at now: Date) async throws -> Bool {
        let rows = try await session.rows("""
            UPDATE server_users SET disabled_at = COALESCE(disabled_at, \(now))
            WHERE email_bidx = \(cipher.blindIndex(Self.normalized(email))) RETURNING id
            """)
        guard let id = try rows.first?.decode(Int64.self) else { return false }
        try await session.execute("UPDATE server_sessions SET ended_at = \(now) WHERE user_id = \(id) AND ended_at IS NULL")
        return true
    }
}

/// An account that cannot be made as asked.
public struct AccountError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
