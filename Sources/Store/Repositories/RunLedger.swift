import Foundation
import LeadModel
import PostgresNIO

/// Bookkeeping of pipeline runs and their stages (`pipeline_runs`, `stage_runs`).
public struct RunLedger: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The days in `from ..< date` whose leads are not all enriched yet: raw leads without a lead, or a run
    /// of `pipeline` under way (or killed) whose enrich stage is not done. Dedup of `date` must not judge before they are in,
    /// or it misses the repeats among them.
    public func daysAwaitingEnrich(pipeline: String, from: BusinessDate, before date: BusinessDate) async throws -> [String] {
        try await database.rows("""
            SELECT DISTINCT d::text FROM (
                SELECT r.business_date AS d FROM raw_leads r
                WHERE r.business_date >= \(from.description)::date AND r.business_date < \(date.description)::date
                  AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.raw_lead_id = r.id)
                UNION
                SELECT p.business_date FROM pipeline_runs p JOIN stage_runs s ON s.run_id = p.id AND s.stage = 'enrich'
                WHERE p.pipeline = \(pipeline) AND p.business_date >= \(from.description)::date AND p.business_date < \(date.description)::date
                  AND p.status = 'running' AND s.status <> 'done') days
            ORDER BY 1
            """).map { try $0.decode(String.self) }
    }

    /// Creates the run for (pipeline, date) or reopens it; returns its id.
    public func openRun(pipeline: String, date: BusinessDate, stages: [String]) async throws -> Int64 {
        let day = date.description
        let rows = try await database.rows("""
            INSERT INTO pipeline_runs (pipeline, business_date) VALUES (\(pipeline), \(day)::date)
            ON CONFLICT (pipeline, business_date) DO UPDATE
               SET attempts = pipeline_runs.attempts + 1, status = 'running', last_error = NULL, finished_at = NULL
            RETURNING id
            """)
        let runID = try rows[0].decode(Int64.self)
        try await ensureStages(runID: runID, stages: stages)
        return runID
    }

    /// Adds the stage rows a run lacks (a pipeline may have gained a stage since the run began).
    private func ensureStages(runID: Int64, stages: [String]) async throws {
        try await database.execute("""
            INSERT INTO stage_runs (run_id, stage, position)
            SELECT \(runID), stage, position - 1 FROM unnest(\(stages)::text[]) WITH ORDINALITY AS s(stage, position)
            ON CONFLICT (run_id, stage) DO NOTHING
            """)
    }

    /// The run for (pipeline, date), created `pending` if there is none, without touching an existing one;
    /// returns its id and status.
    public func ensureRun(pipeline: String, date: BusinessDate, stages: [String]) async throws -> (id: Int64, status: String) {
        try await database.execute("""
            INSERT INTO pipeline_runs (pipeline, business_date, status, attempts) VALUES (\(pipeline), \(date.description)::date, 'pending', 0)
            ON CONFLICT (pipeline, business_date) DO NOTHING
            """)
        let row = try await database.rows("""
            SELECT id, status FROM pipeline_runs WHERE pipeline = \(pipeline) AND business_date = \(date.description)::date
            """)[0]
        let (id, status) = try row.decode((Int64, String).self)
        try await ensureStages(runID: id, stages: stages)
        return (id, status)
    }

    /// Takes the lock of (pipeline, date) for this session; false when another process still holds it
    /// after `wait` (a process killed a moment ago may not have been reaped by the server yet). Taken
    /// before the run is opened, so a refused process changes nothing.
    public func tryLock(pipeline: String, date: BusinessDate, wait: Duration = .seconds(5)) async throws -> Bool {
        let key = "\(pipeline)/\(date)"
        let rows = try await database.rows("SELECT pg_try_advisory_lock(\(RunLedger.lockSpace), hashtext(\(key)))")
        if try rows[0].decode(Bool.self) { return true }
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        do {
            try await database.transaction { session in
                let connection = session.connection
                try await connection.execute(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(milliseconds)"), logger: database.logger)
                try await connection.execute("SELECT pg_advisory_lock(\(RunLedger.lockSpace), hashtext(\(key)))", logger: database.logger)
            }
            return true
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
            return false
        }
    }

    public func unlock(pipeline: String, date: BusinessDate) async throws {
        let key = "\(pipeline)/\(date)"
        try await database.execute("SELECT pg_advisory_unlock(\(RunLedger.lockSpace), hashtext(\(key)))")
    }

    static let lockSpace: Int32 = 0x504C_5255  // "PLRU"

    /// Allocation is serialized across partitions, so that the weekly and monthly caps and budgets a match
    /// reads stay true while it decides: a match stage holds this lock while it runs, a reallocation in the
    /// bill stage for its transaction. A process that dies releases it with its connection.
    static let allocationLock: (Int32, Int32) = (0x504C_414C, 0)  // "PLAL"

    /// Runs `body` holding the allocation lock on `connection`, waiting for another partition's match.
    public static func withAllocationLock<R: Sendable>(on session: DatabaseSession, _ body: () async throws -> R) async throws -> R {
        let (connection, logger) = (session.connection, session.logger)
        let taken = try await connection.query("SELECT pg_try_advisory_lock(\(allocationLock.0), \(allocationLock.1))", logger: logger)
            .collect()[0].decode(Bool.self)
        if !taken {
            logger.notice("waiting for another day's match or reallocation to finish (the allocation lock)")
            try await connection.execute("SELECT pg_advisory_lock(\(allocationLock.0), \(allocationLock.1))", logger: logger)
        }
        do {
            let result = try await body()
            try await connection.execute("SELECT pg_advisory_unlock(\(allocationLock.0), \(allocationLock.1))", logger: logger)
            return result
        } catch {
            try? await connection.execute("SELECT pg_advisory_unlock(\(allocationLock.0), \(allocationLock.1))", logger: logger)
            throw error
        }
    }

    /// Takes the allocation lock until the transaction open in `transaction` ends.
    public static func lockAllocation(in transaction: DatabaseSession) async throws {
        try await transaction.execute("SELECT pg_advisory_xact_lock(\(allocationLock.0), \(allocationLock.1))")
    }

    /// The status of each stage of the run.
    public func stageStatuses(runID: Int64) async throws -> [String: String] {
        var result: [String: String] = [:]
        for try await (stage, status) in try await database.connection.query(
            "SELECT stage, status FROM stage_runs WHERE run_id = \(runID)", logger: database.logger
        ).decode((String, String).self) {
            result[stage] = status
        }
        return result
    }

    /// Marks the given stages pending again (for `--rerun`).
    public func reset(runID: Int64, stages: [String]) async throws {
        try await database.execute("""
            UPDATE stage_runs SET status = 'pending', finished_at = NULL, last_error = NULL
            WHERE run_id = \(runID) AND stage = ANY(\(stages))
            """)
    }

    public func stageStarted(runID: Int64, stage: String) async throws {
        try await database.execute("""
            UPDATE stage_runs SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, now()), last_error = NULL
            WHERE run_id = \(runID) AND stage = \(stage)
            """)
    }

    /// Adds a committed chunk's counts; call inside the chunk's transaction.
    public static func recordChunk(
        in transaction: DatabaseSession, runID: Int64, stage: String, rowsIn: Int64, rowsOut: Int64, rowsRejected: Int64
    ) async throws {
        try await transaction.execute("""
            UPDATE stage_runs SET chunks = chunks + 1, rows_in = rows_in + \(rowsIn), rows_out = rows_out + \(rowsOut),
                   rows_rejected = rows_rejected + \(rowsRejected)
            WHERE run_id = \(runID) AND stage = \(stage)
            """)
    }

    public func stageFinished(runID: Int64, stage: String, elapsedMilliseconds: Int64) async throws {
        try await database.execute("""
            UPDATE stage_runs SET status = 'done', finished_at = now(), elapsed_ms = elapsed_ms + \(elapsedMilliseconds)
            WHERE run_id = \(runID) AND stage = \(stage)
            """)
    }

    public func stageFailed(runID: Int64, stage: String, error: String) async throws {
        try await database.execute("UPDATE stage_runs SET status = 'failed', last_error = \(error) WHERE run_id = \(runID) AND stage = \(stage)")
        try await database.execute("UPDATE pipeline_runs SET status = 'failed', last_error = \(error) WHERE id = \(runID)")
    }

    public func runFinished(runID: Int64) async throws {
        try await database.execute("UPDATE pipeline_runs SET status = 'done', finished_at = now() WHERE id = \(runID)")
    }

    /// Runs, newest first, with their stages.
    public func history(limit: Int) async throws -> [RunRecord] {
        try await Self.history(limit: limit, in: database.session)
    }

    /// Runs, newest first, with their stages, read through `session` (the report server's pool).
    public static func history(limit: Int, in session: DatabaseSession) async throws -> [RunRecord] {
        var runs = try await session.rows("""
            SELECT id, pipeline, business_date::text, status, attempts, started_at, finished_at, last_error
            FROM pipeline_runs ORDER BY business_date DESC, id DESC LIMIT \(limit)
            """).map { row in
            let (id, pipeline, date, status, attempts, started, finished, error) = try row.decode((Int64, String, String, String, Int, Date, Date?, String?).self)
            return RunRecord(id: id, pipeline: pipeline, date: date, status: status, attempts: attempts, startedAt: started, finishedAt: finished, lastError: error, stages: [])
        }
        for index in runs.indices {
            runs[index].stages = try await session.rows("""
                SELECT stage, status, attempts, chunks, rows_in, rows_out, rows_rejected, elapsed_ms
                FROM stage_runs WHERE run_id = \(runs[index].id) ORDER BY position
                """).map { row in
                let (stage, status, attempts, chunks, rowsIn, rowsOut, rejected, elapsed) = try row.decode((String, String, Int, Int, Int64, Int64, Int64, Int64).self)
                return StageRecord(
                    stage: stage, status: status, attempts: attempts, chunks: chunks, rowsIn: rowsIn, rowsOut: rowsOut,
                    rowsRejected: rejected, elapsedMilliseconds: elapsed)
            }
        }
        return runs
    }
}
