import Pipeline
import LeadModel
import ArgumentParser

/// The `plumberleads` command: the batch pipeline and its operations.
@main
struct PlumberLeads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumberleads",
        abstract: "Turn ad-platform lead exports into billed, delivered plumber leads.",
        discussion: """
            Exit codes: 0 success, 1 failure, 64 usage, 65 bad input data, 69 database unavailable, 74 needs attention (messages wait or may have been sent),
            75 partition locked by another process (try again), 78 configuration error.
            """,
        subcommands: [
            DemoCommand.self, RunCommand.self, RunsCommand.self, DatabaseCommand.self, PlumbersCommand.self,
            FixturesCommand.self, FailpointsCommand.self, BenchCommand.self, IngestCommand.self,
            NormalizeCommand.self, DedupQualityCommand.self, TraceCommand.self, LedgerCommand.self, CreditsCommand.self, NotifyCommand.self,
            ServeCommand.self, UsersCommand.self,
        ])
}
