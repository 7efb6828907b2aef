import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import ReportServer

/// `plumberleads users`: the report server's accounts.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add, invite, list and disable the report server's accounts.",
        subcommands: [Add.self, Invite.self, List.self, Disable.self])

    /// Runs `body` with the accounts of the configured database.
    static func withAccounts(_ command: CommandSupport.Command, _ body: @escaping @Sendable (Accounts) async throws -> Void) async throws {
        let (url, cipher) = try await command.withSession(keys: .required) { session in (session.databaseURL, try session.piiCipher) }
        try await Accounts.withPool(url: url, logger: command.logger) { pool in try await body(Accounts(pool: pool, cipher: cipher)) }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account: an admin, or a plumber tied to their roster id; then invite them.")
        @Argument(help: "The email they log in with.") var email: String
        @Option(help: "admin or plumber.") var role: String
        @Option(help: "The plumber's roster id (PL-0001), for a plumber.") var plumber: String?

        func run() async throws {
            try await CommandSupport.run { command in
                guard let role = UserRole(rawValue: role) else { throw ValidationError("--role is admin or plumber") }
                try await UsersCommand.withAccounts(command) { accounts in try await accounts.add(email: email, role: role, plumber: plumber) }
                print("Added \(role.rawValue) \(email). Send them a link: plumberleads users invite \(email)")
            }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a single-use link (valid 7 days) for the account to choose its password.")
        @Argument(help: "The account's email.") var email: String
        @Option(help: "The pipeline file (for the server's public URL).") var pipeline = "pipelines/daily.yml"

        func run() async throws {
            try await CommandSupport.run { command in
                let base = try PipelineDefinition.load(URL(fileURLWithPath: pipeline)).publicURL ?? URL(string: "http://127.0.0.1:8080")!
                let now = command.settings.now ?? Date()
                try await UsersCommand.withAccounts(command) { accounts in
                    print(try await accounts.invite(email: email, base: base, now: now).absoluteString)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        func run() async throws {
            try await CommandSupport.run { command in
                try await UsersCommand.withAccounts(command) { accounts in
                    for line in try await accounts.list() { print(line) }
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions at once.")
        @Argument(help: "The account's email.") var email: String
        func run() async throws {
            try await CommandSupport.run { command in
                let now = command.settings.now ?? Date()
                try await UsersCommand.withAccounts(command) { accounts in
                    guard try await accounts.disable(email: email, now: now) else { throw ValidationError("no account for \(email)") }
                    print("Disabled \(email); its sessions are ended.")
                }
            }
        }
    }
}
