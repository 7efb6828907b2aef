import Billing
import Ingest
import Notify
import Reports
import Store

/// The documented exit codes of every failure, and the one line that describes it.
///
/// 1 failure, 64 usage, 65 bad input data, 69 database unavailable, 74 needs attention (messages a
/// provider did not take wait for the next run), 75 partition locked or waiting (try again), 78
/// configuration error.
public enum ExitStatus {
    /// The exit code `error` ends the process with.
    public static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as RunError:
            switch error.code {
            case .usage: 64
            case .locked, .waiting: 75
            case .configuration: 78
            case .needsAttention: 74
            case .stageFailed: 1
            }
        case let error as StoreError:
            switch error.code {
            case .postgresNotFound, .clusterFailed: 69
            case .missingKey, .invalidKey, .invalidURL: 78
            default: 1
            }
        case is ChannelConfigurationError, is SettingsError, is DefinitionError, is FailpointError, is TemplateError, is ReportTemplateError: 78
        case is IngestError: 65
        default: 1
        }
    }

    /// `error` in one line, with the server's message and hint for a PostgreSQL error.
    public static func describe(_ error: any Error) -> String {
        PostgresErrorText.describe(error)
    }
}
