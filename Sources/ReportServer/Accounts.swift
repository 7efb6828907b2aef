import Foundation
import HummingbirdBcrypt
import LeadModel
import Logging
import Store

/// The report server's accounts as ops manage them (`plumberleads users …`): add, invite, set a
/// password, list, disable.
public struct Accounts: Sendable {
    let pool: DatabasePool
    let cipher: PIICipher
    /// bcrypt's cost (12 unless a test says less).
    let cost: UInt8

    /// How long an invite works.
    public static let inviteLife: TimeInterval = 7 * 86_400

    public init(pool: DatabasePool, cipher: PIICipher, cost: UInt8 = 12) {
        (self.pool, self.cipher, self.cost) = (pool, cipher, cost)
    }

    /// Runs `body` with a pool to `url` that lives as long as the body (for commands, not the server).
    public static func withPool<T: Sendable>(url: DatabaseURL, logger: Logger, _ body: @escaping @Sendable (DatabasePool) async throws -> T) async throws -> T {
        let pool = DatabasePool(url: url, connections: 2, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await pool.run(); return nil }
            group.addTask { try await body(pool) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    /// Adds an account (a plumber's needs their roster id).
    public func add(email: String, role: UserRole, plumber: String?) async throws {
        guard email.contains("@"), email.count <= 254 else { throw AccountError("\(email) is not an email address") }
        _ = try await pool.withSession { try await AccountRepository($0, cipher: cipher).add(email: email, role: role, plumber: plumber) }
    }

    /// An invite link for the account of `email`: single use, valid for a week.
    public func invite(email: String, base: URL, now: Date) async throws -> URL {
        let token = Tokens.random()
        try await pool.withSession { session in
            guard let account = try await AccountRepository(session, cipher: cipher).find(email: email), !account.disabled else {
                throw AccountError("no enabled account for \(email)")
            }
            try await InviteRepository(session).create(tokenHash: Tokens.hash(token), userID: account.id, expires: now.addingTimeInterval(Self.inviteLife))
        }
        var components = URLComponents(url: base.appendingPathComponent("invite"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "t", value: token)]
        return components.url!
    }

    /// Sets the password of `email`'s account (the demo's accounts; others use an invite).
    public func setPassword(email: String, password: String) async throws {
        if let problem = PasswordPolicy.problem(with: password) { throw AccountError(problem) }
        let hash = Bcrypt.hash(password, cost: cost)
        try await pool.withSession { session in
            let accounts = AccountRepository(session, cipher: cipher)
            guard let account = try await accounts.find(email: email) else { throw AccountError("no account for \(email)") }
            try await accounts.setPasswordHash(hash, for: account.id)
        }
    }

    /// Every account, a line each: email, role, roster id, and whether it is active, invited or disabled.
    public func list() async throws -> [String] {
        try await pool.withSession { try await AccountRepository($0, cipher: cipher).all() }.map { account in
            let state = account.disabled ? "disabled" : account.passwordHash == nil ? "invited" : "active"
            return [account.email, account.role.rawValue, account.plumberExternalID ?? "-", state].joined(separator: "\t")
        }
    }

    /// Disables `email`'s account and ends its sessions; false when there is none.
    public func disable(email: String, now: Date) async throws -> Bool {
        try await pool.withSession { try await AccountRepository($0, cipher: cipher).disable(email: email, at: now) }
    }
}
