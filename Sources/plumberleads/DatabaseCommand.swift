import Pipeline
import LeadModel
import ArgumentParser
import Foundation
import Store

/// `plumberleads db …`: the local PostgreSQL cluster and migrations.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the database.",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self, PSQL.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create and start the local cluster under var/postgres/.")
        func run() async throws {
            let (settings, logger) = try CommandSupport.bootstrap()
            try await CommandSupport.run {
                guard settings.databaseURL == nil else { print("PLUMBERLEADS_DATABASE_URL is set: nothing to start"); return }
                let (_, message) = try await settings.resolveDatabase(logger: logger)
                print(message ?? "already running (\(settings.cluster.socketPath))")
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster.")
        func run() async throws {
            let (settings, _) = try CommandSupport.bootstrap()
            try await CommandSupport.run {
                try settings.cluster.stop()
                print("stopped (\(settings.cluster.root.path))")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the database is running; exit 3 when it is not.")
        func run() async throws {
            let (settings, logger) = try CommandSupport.bootstrap()
            try await CommandSupport.run {
                if let url = settings.databaseURL {
                    do {
                        let database = try await Database.connect(url, logger: logger)
                        try? await database.close()
                        print("reachable: \(url)")
                    } catch {
                        print("unreachable: \(url)")
                        throw ExitCode(3)
                    }
                    return
                }
                if try settings.cluster.isRunning() {
                    print("running: \(settings.cluster.socketPath)")
                } else {
                    print("stopped: \(settings.cluster.root.path)")
                    throw ExitCode(3)
                }
            }
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the connection URL in use (for psql).")
        func run() async throws {
            let (settings, _) = try CommandSupport.bootstrap()
            print((settings.databaseURL ?? settings.cluster.url(database: "plumberleads")).connectionString)
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the database if it does not exist, and apply pending migrations.")
        func run() async throws {
            let (settings, logger) = try CommandSupport.bootstrap()
            try await CommandSupport.run {
                let opened = try await CommandSupport.open(settings, logger, createDatabase: true)
                try? await opened.database.close()
                print(opened.appliedMigrations.isEmpty ? "up to date" : "applied \(opened.appliedMigrations.joined(separator: ", "))")
            }
        }
    }

    struct PSQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "psql", abstract: "Open psql on the database.")
        func run() async throws {
            let (settings, logger) = try CommandSupport.bootstrap()
            try await CommandSupport.run {
                let (url, _) = try await settings.resolveDatabase(logger: logger)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["psql", url.connectionString]
                try process.run()
                process.waitUntilExit()
                throw ExitCode(process.terminationStatus)
            }
        }
    }
}
