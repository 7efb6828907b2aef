import Foundation
import LeadModel
import Logging
import Store

/// Runs a pipeline on one partition: creates or resumes the run, takes its lock, and executes every stage
/// that is not done, recording counts and timings.
public struct PipelineRunner: Sendable {
    public var definition: PipelineDefinition
    public var database: Database
    public var services: PipelineServices
    public var failpoints: Failpoints
    public var logger: Logger
    public var progress: Progress

    public init(definition: PipelineDefinition, database: Database, services: PipelineServices, failpoints: Failpoints, logger: Logger, progress: Progress) {
        self.definition = definition
        self.database = database
        self.services = services
        self.failpoints = failpoints
        self.logger = logger
        self.progress = progress
    }

    /// The outcome of one `run` call.
    public struct Outcome: Sendable {
        public var runID: Int64
        public var executed: [StageName]
        public var skipped: [StageName]
    }

    /// Runs `date`; with `rerun`, redoes that stage and every one after it.
    public func run(date: BusinessDate, rerun: StageName? = nil) async throws -> Outcome {
        if let rerun, !definition.stages.contains(rerun) {
            throw RunError(.usage, "stage \(rerun.rawValue) is not in pipeline \(definition.name)")
        }
        try await checkIndexKey()
        return try await withPartitionLock(date: date) { ledger in
            let runID = try await ledger.openRun(pipeline: definition.name, date: date, stages: definition.stages.map(\.rawValue))
            return try await runStages(date: date, rerun: rerun, runID: runID, ledger: ledger)
        }
    }

    /// Refuses to run under a blind-index key other than the one the stored indexes were made under:
    /// enrich would write indexes that dedup can never match with the window's, and every repeat would
    /// be sold again without a word.
    private func checkIndexKey() async throws {
        let current = services.cipher.indexKeyID
        let recorded = try await BlindIndexKeyRecord(database: database).recordOrRead(current)
        guard recorded == current else {
            throw RunError(.configuration, """
                the blind indexes in this database were made under index key \(recorded), and this process has index key \(current): \
                dedup would find no repeat across the two. Set PLUMBERLEADS_INDEX_KEY to the key they were made with (when it was \
                never set, that is the PLUMBERLEADS_PII_KEY of before a rotation; rotating the PII key must not change the index key)
                """)
        }
    }

    /// Runs `body` holding the lock of (pipeline, date), taken before anything is written; throws
    /// `RunError.locked` when another process holds it.
    private func withPartitionLock<R: Sendable>(date: BusinessDate, _ body: (RunLedger) async throws -> R) async throws -> R {
        let ledger = RunLedger(database: database)
        guard try await ledger.tryLock(pipeline: definition.name, date: date) else {
            throw RunError(.locked, "another process is running \(definition.name) for \(date); try again when it finishes")
        }
        do {
            let result = try await body(ledger)
            try await ledger.unlock(pipeline: definition.name, date: date)
            return result
        } catch {
            try? await ledger.unlock(pipeline: definition.name, date: date)
            throw error
        }
    }

    private func runStages(date: BusinessDate, rerun: StageName?, runID: Int64, ledger: RunLedger) async throws -> Outcome {
        let resets = StagePlan.resets(stages: definition.stages, rerun: rerun)
        if !resets.isEmpty { try await ledger.reset(runID: runID, stages: resets.map(\.rawValue)) }
        let statuses = try await ledger.stageStatuses(runID: runID)
        let pending = StagePlan.pending(stages: definition.stages, statuses: statuses)
        let skipped = definition.stages.filter { !pending.contains($0) }
        for stage in skipped { logger.info("\(stage.rawValue): already done, skipped") }

        for stage in pending {
            let context = StageContext(
                stage: stage, runID: runID, date: date, definition: definition, database: database, services: services,
                failpoints: failpoints, logger: logger, progress: progress)
            try await ledger.stageStarted(runID: runID, stage: stage.rawValue)
            RunPosition.shared.enter(stage)
            defer { RunPosition.shared.leave() }
            let started = ContinuousClock.now
            do {
                try await Self.implementation(of: stage).run(context)
            } catch let error as RunError {
                try? await ledger.stageFailed(runID: runID, stage: stage.rawValue, error: error.detail)
                throw error
            } catch {
                let message = PostgresErrorText.describe(error)
                try? await ledger.stageFailed(runID: runID, stage: stage.rawValue, error: message)
                throw RunError(.stageFailed, "\(stage.rawValue): \(message)")
            }
            let elapsed = started.duration(to: .now)
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            try await ledger.stageFinished(runID: runID, stage: stage.rawValue, elapsedMilliseconds: milliseconds)
            progress.finish(stage: stage, summary: "done in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
        }
        try await ledger.runFinished(runID: runID)
        return Outcome(runID: runID, executed: pending, skipped: skipped)
    }

    /// Ingests `files` into the partition `date` outside a full run (`plumberleads ingest`): same rules,
    /// same lock; the ingest stage's counts of the day's run include them, and the run's later stages
    /// pick the leads up.
    /// `runAlreadyDone` says the day's run had finished: its later stages need `--rerun enrich` to take the
    /// new leads.
    public func ingest(files: [URL], date: BusinessDate) async throws -> (outcomes: [FileOutcome], runAlreadyDone: Bool) {
        try await withPartitionLock(date: date) { ledger in
            let (runID, status) = try await ledger.ensureRun(pipeline: definition.name, date: date, stages: definition.stages.map(\.rawValue))
            let context = StageContext(
                stage: .ingest, runID: runID, date: date, definition: definition, database: database, services: services,
                failpoints: failpoints, logger: logger, progress: progress)
            var outcomes: [FileOutcome] = []
            for file in files { outcomes.append(try await IngestStage().ingest(file, context)) }
            return (outcomes, status == "done")
        }
    }

    static func implementation(of stage: StageName) -> any Stage {
        switch stage {
        case .ingest: IngestStage()
        case .enrich: EnrichStage()
        case .dedup: DedupStage()
        case .match: MatchStage()
        case .bill: BillStage()
        case .notify: NotifyStage()
        case .report: ReportStage()
        }
    }
}

/// Why a run stopped, with the exit code ops see.
public struct RunError: Error, CustomStringConvertible {
    public enum Code: Sendable {
        /// `waiting`: the stage needs another day's work first (exit 75, like `locked`: try again later).
        /// `configuration`: the settings cannot run this database (exit 78).
        /// `needsAttention`: a provider could not take every message; they wait for the next run (exit 74).
        case usage, locked, stageFailed, waiting, configuration, needsAttention
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
