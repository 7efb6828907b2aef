import Foundation
import LeadModel
import NIOSSL
import PostgresNIO

/// Where the database is, parsed from a libpq-style URL so `psql` accepts the same string.
///
/// `postgresql://user:pass@host:5432/db?sslmode=require` for TCP, and
/// `postgresql://user@/db?host=/path/to/socket-dir` for a Unix socket.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case socket(directory: String, port: Int)
    }

    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var username: String
    /// Never printed: `description` masks it.
    public var password: Secret?
    public var database: String
    public var endpoint: Endpoint
    public var tls: TLSMode

    public init(username: String, password: Secret?, database: String, endpoint: Endpoint, tls: TLSMode) {
        self.username = username
        self.password = password
        self.database = database
        self.endpoint = endpoint
        self.tls = tls
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw StoreError(.invalidURL, "PLUMBERLEADS_DATABASE_URL must look like postgresql://user@host/db")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let host = query["host"] ?? components.host.flatMap { $0.removingPercentEncoding } ?? ""
        endpoint = host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host.isEmpty ? "localhost" : host, port: port)
        username = components.user?.removingPercentEncoding ?? query["user"] ?? "postgres"
        password = (components.password?.removingPercentEncoding ?? query["password"]).map(Secret.init)
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = (path.isEmpty ? query["dbname"] : path) ?? username
        guard let mode = TLSMode(rawValue: query["sslmode"] ?? (host.hasPrefix("/") ? "disable" : "prefer")) else {
            throw StoreError(.invalidURL, "sslmode must be disable, prefer or require")
        }
        tls = mode
    }

    /// The same server, another database.
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL with the password masked, safe to print and log.
    public var description: String { render(maskPassword: true) }

    /// The URL including the password, for handing to psql.
    public var connectionString: String { render(maskPassword: false) }

    private func render(maskPassword: Bool) -> String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let secret = password.map { ":" + (maskPassword ? "****" : ($0.exposed.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0.exposed)) } ?? ""
        switch endpoint {
        case .tcp(let host, let port):
            return "postgresql://\(user)\(secret)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
        case .socket(let directory, let port):
            return "postgresql://\(user)\(secret)@/\(database)?host=\(directory)" + (port == 5432 ? "" : "&port=\(port)")
        }
    }

    /// The connection pool's configuration for this URL, with at most `connections` connections.
    public func poolConfiguration(connections: Int) -> PostgresClient.Configuration {
        let tlsSetting: PostgresClient.Configuration.TLS = switch tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration: PostgresClient.Configuration = switch endpoint {
        case .socket(let directory, let port):
            .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: username, password: password?.exposed, database: database)
        case .tcp(let host, let port):
            .init(host: host, port: port, username: username, password: password?.exposed, database: database, tls: tlsSetting)
        }
        configuration.options.maximumConnections = connections
        return configuration
    }

    /// The PostgresNIO configuration for this URL.
    public func configuration() throws -> PostgresConnection.Configuration {
        switch endpoint {
        case .socket(let directory, let port):
            return .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: username, password: password?.exposed, database: database)
        case .tcp(let host, let port):
            let tlsSetting: PostgresConnection.Configuration.TLS = switch tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            return .init(host: host, port: port, username: username, password: password?.exposed, database: database, tls: tlsSetting)
        }
    }
}
