import Foundation

/// One pipeline run with its stages, as `plumberleads runs` and the run history show it.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var pipeline: String
    public var date: String
    public var status: String
    public var attempts: Int
    public var startedAt: Date
    public var finishedAt: Date?
    public var lastError: String?
    public var stages: [StageRecord]

    public init(
        id: Int64, pipeline: String, date: String, status: String, attempts: Int, startedAt: Date, finishedAt: Date?, lastError: String?,
        stages: [StageRecord]
    ) {
        (self.id, self.pipeline, self.date, self.status, self.attempts) = (id, pipeline, date, status, attempts)
        (self.startedAt, self.finishedAt, self.lastError, self.stages) = (startedAt, finishedAt, lastError, stages)
    }
}

/// One stage of a run as recorded: its state, chunks, rows and time.
public struct StageRecord: Sendable, Hashable, Codable {
    public var stage: String
    public var status: String
    public var attempts: Int
    public var chunks: Int
    public var rowsIn: Int64
    public var rowsOut: Int64
    public var rowsRejected: Int64
    public var elapsedMilliseconds: Int64

    public init(stage: String, status: String, attempts: Int, chunks: Int, rowsIn: Int64, rowsOut: Int64, rowsRejected: Int64, elapsedMilliseconds: Int64) {
        (self.stage, self.status, self.attempts, self.chunks) = (stage, status, attempts, chunks)
        (self.rowsIn, self.rowsOut, self.rowsRejected, self.elapsedMilliseconds) = (rowsIn, rowsOut, rowsRejected, elapsedMilliseconds)
    }
}
