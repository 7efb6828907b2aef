import Pipeline
import LeadModel
import ArgumentParser
import Foundation

/// `plumberleads db …`: the local PostgreSQL cluster and migrations.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the database.",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self, PSQL.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and start the local cluster under var/postgres/.")
        func run() async throws {
            try await CommandSupport.run { command in
                let database = command.database
                guard !database.isConfigured else { print("PLUMBERLEADS_DATABASE_URL is set: nothing to start"); return }
                print(try await database.start() ?? "already running (\(database.clusterSocket))")
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster.")
        func run() async throws {
            try await CommandSupport.run { command in
                try command.database.stop()
                print("stopped (\(command.database.clusterFolder))")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the database is running; exit 3 when it is not.")
        func run() async throws {
            try await CommandSupport.run { command in
                let database = command.database
                let reachable = try await database.isReachable()
                if database.isConfigured {
                    print("\(reachable ? "reachable" : "unreachable"): \(database.displayURL)")
                } else {
                    print(reachable ? "running: \(database.clusterSocket)" : "stopped: \(database.clusterFolder)")
                }
                if !reachable { throw ExitCode(3) }
            }
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the connection URL in use (for psql).")
        func run() async throws {
            try await CommandSupport.run { command in print(command.database.connectionString) }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the database if it does not exist, and apply pending migrations.")
        func run() async throws {
            try await CommandSupport.run { command in
                let applied = try await command.database.migrate()
                print(applied.isEmpty ? "up to date" : "applied \(applied.joined(separator: ", "))")
            }
        }
    }

    struct PSQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "psql", abstract: "Open psql on the database.")
        func run() async throws {
            try await CommandSupport.run { command in
                let url = try await command.database.reachableConnectionString()
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["psql", url]
                try process.run()
                process.waitUntilExit()
                throw ExitCode(process.terminationStatus)
            }
        }
    }
}
