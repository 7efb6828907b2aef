import Foundation
import LeadModel
import Logging
import Store

/// One step of the pipeline. A stage finds its remaining work from the data itself, so re-running it
/// after a crash resumes where the last committed chunk left off.
public protocol Stage: Sendable {
    var name: StageName { get }
    /// Does all remaining work, committing each chunk through `context.commitChunk`.
    func run(_ context: StageContext) async throws
}

/// What a stage works with: the partition, the database, the services, and the chunk commit.
public struct StageContext: Sendable {
    public var stage: StageName
    public var runID: Int64
    public var date: BusinessDate
    public var definition: PipelineDefinition
    public var database: Database
    public var services: PipelineServices
    public var failpoints: Failpoints
    public var logger: Logger
    public var progress: Progress

    /// Counts one chunk adds to the stage's record.
    public struct Counts: Sendable {
        public var rowsIn: Int64 = 0
        public var rowsOut: Int64 = 0
        public var rowsRejected: Int64 = 0
        public init(rowsIn: Int64 = 0, rowsOut: Int64 = 0, rowsRejected: Int64 = 0) {
            self.rowsIn = rowsIn
            self.rowsOut = rowsOut
            self.rowsRejected = rowsRejected
        }
    }

    /// Commits `body`'s writes and the stage's progress (the counts `body` returns) in one transaction.
    public func commitChunk(_ body: (DatabaseSession) async throws -> Counts) async throws {
        let counts = try await database.transaction { transaction in
            let counts = try await body(transaction)
            try await RunLedger.recordChunk(
                in: transaction, runID: runID, stage: stage.rawValue, rowsIn: counts.rowsIn, rowsOut: counts.rowsOut,
                rowsRejected: counts.rowsRejected)
            failpoints.reach(stage, "chunk-before-commit")
            return counts
        }
        RunPosition.shared.chunkCommitted()
        failpoints.reach(stage, "chunk-after-commit")
        progress.advance(stage: stage, by: counts.rowsIn)
    }

    /// Runs `body` in its own transaction (for outbox marks that must be durable before an effect).
    public func transaction<R: Sendable>(_ body: (DatabaseSession) async throws -> R) async throws -> R {
        try await database.transaction(body)
    }
}
