import ArgumentParser
import Foundation
import Logging
import Pipeline

/// What every command starts from: settings and a logger, errors turned into documented exit codes,
/// and the session with the database.
enum CommandSupport {
    /// Reads the settings, sets up logging and runs `body`, printing a failure as one clear line and
    /// exiting with its code (`ExitStatus`). A malformed setting is exit 78 before anything runs.
    static func run(_ body: (Command) async throws -> Void) async throws {
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
        do {
            try await body(Command(settings: settings, logger: logger))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(ExitStatus.describe(error))")
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((TerminalSafe.escape(text) + "\n").utf8))
    }

    /// One command's settings and logger, and the way to its session.
    struct Command {
        let settings: Settings
        let logger: Logger

        /// Opens the session (database and keys), runs `body` with it and closes it whether `body`
        /// succeeds or throws (a connection dropped unclosed aborts the process).
        ///
        /// If the server goes away while the session is open, the process says where it was and exits 69
        /// at once: what was committed stays, the chunk in flight was rolled back by the server, and running
        /// the command again resumes there. Waiting would be worse: a statement on a dead connection may
        /// never return.
        func withSession<T: Sendable>(keys: PipelineSession.Keys = .required, _ body: (PipelineSession) async throws -> T) async throws -> T {
            let session = try await PipelineSession.open(settings: settings, logger: logger, keys: keys) {
                let position = RunPosition.shared.description.map { " \($0)" } ?? ""
                CommandSupport.printError(
                    "error: lost the connection to the database\(position); what was committed is kept, run the same command again when the database is back")
                exit(69)
            }
            do {
                let result = try await body(session)
                await session.close()
                return result
            } catch {
                await session.close()
                throw error
            }
        }

        /// The database's control (`plumberleads db …`).
        var database: DatabaseControl { DatabaseControl(settings: settings, logger: logger) }
    }
}
