import LeadModel
import ArgumentParser
import Foundation
import Ingest
import Logging
import Notify
import Pipeline
import Reports
import Store

/// What every command starts from: settings, a logger, and errors turned into documented exit codes.
enum CommandSupport {
    static func bootstrap() throws -> (Settings, Logger) {
        StandardOutput.lineBuffered()
        let settings: Settings
        do {
            settings = try Settings()
        } catch {
            printError("configuration: \(error)")
            throw ExitCode(78)
        }
        let level = settings.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "plumberleads")
        logger.logLevel = level
        return (settings, logger)
    }

    /// Runs `body`, printing a failure as one clear line and exiting with its code.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(describe(error))")
            throw ExitCode(exitCode(for: error))
        }
    }

    static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case let error as RunError:
            switch error.code {
            case .usage: 64
            case .locked, .waiting: 75
            case .configuration: 78
            case .stageFailed: 1
            }
        case let error as StoreError:
            switch error.code {
            case .postgresNotFound, .clusterFailed: 69
            case .missingKey, .invalidKey, .invalidURL: 78
            default: 1
            }
        case is SettingsError, is DefinitionError, is FailpointError, is TemplateError, is ReportTemplateError: 78
        case is IngestError: 65
        default: 1
        }
    }

    static func describe(_ error: any Error) -> String {
        PostgresErrorText.describe(error)
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((TerminalSafe.escape(text) + "\n").utf8))
    }

    /// Opens the database, runs `body` with it and closes it whether `body` succeeds or throws (a
    /// connection dropped unclosed aborts the process).
    static func withDatabase<T: Sendable>(_ settings: Settings, _ logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        let database = try await self.database(settings, logger)
        do {
            let result = try await body(database)
            try? await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// Opens the database; a connection failure is reported as "unavailable" (exit 69).
    static func database(_ settings: Settings, _ logger: Logger) async throws -> Database {
        try await open(settings, logger).database
    }

    /// Opens the database and says how it was reached; a connection failure is exit 69.
    ///
    /// If the server goes away while the connection is open, the process says where it was and exits 69
    /// at once: what was committed stays, the chunk in flight was rolled back by the server, and running
    /// the command again resumes there. Waiting would be worse: a statement on a dead connection may
    /// never return.
    static func open(_ settings: Settings, _ logger: Logger, createDatabase: Bool = false) async throws -> Settings.OpenedDatabase {
        do {
            let opened = try await settings.openDatabase(logger: logger, createDatabase: createDatabase)
            opened.database.whenLost {
                let position = RunPosition.shared.description.map { " \($0)" } ?? ""
                printError("error: lost the connection to the database\(position); what was committed is kept, run the same command again when the database is back")
                exit(69)
            }
            return opened
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.clusterFailed, "cannot reach the database: \(PostgresErrorText.describe(error))")
        }
    }
}
