import Crypto
import Foundation
import Ingest
import LeadModel
import Logging
import PostgresNIO
import Store

/// Loads the day's export files from the inbox: each file once (by SHA-256), each row either a raw lead,
/// a spend row, or a rejected row with its line and reason. One file is one chunk.
struct IngestStage: Stage {
    let name = StageName.ingest

    func run(_ context: StageContext) async throws {
        let folder = context.definition.inboxFolder(for: context.date)
        let files = try Self.files(in: folder)
        if files.isEmpty { context.logger.warning("ingest: no files in \(folder.path)") }
        for file in files {
            _ = try await ingest(file, context)
        }
    }

    static func files(in folder: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            .filter { !$0.lastPathComponent.hasPrefix(".") && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Loads one file; returns what became of it.
    func ingest(_ file: URL, _ context: StageContext) async throws -> FileOutcome {
        let name = file.lastPathComponent
        let digest: Data, size: Int64
        do {
            (digest, size) = try Self.sha256(of: file)
        } catch let error as IngestError {
            // Missing, a folder, or not permitted: nothing to record by content; the others go on.
            context.logger.error("ingest: \(error)")
            return FileOutcome(file: name, status: .failed(error.description))
        }
        let existing = try await context.database.rows("SELECT id, status FROM source_files WHERE sha256 = \(digest)")
        if let row = existing.first, try row.decode((Int64, String).self).1 == "loaded" {
            context.logger.info("ingest: \(name) was already ingested (same SHA-256), skipped")
            return FileOutcome(file: name, status: .alreadyIngested)
        }
        let format: ExportFormat
        let openReader: () throws -> SubmissionTimeCheck
        do {
            let detected = try context.definition.pinnedFormat(for: name) ?? ExportFormat.detect(url: file)
            let options = context.services.readerOptions
            format = detected
            let (day, zone) = (context.date, context.definition.timeZone)
            openReader = { SubmissionTimeCheck(try detected.reader(url: file, options: options), day: day, timeZone: zone) }
        } catch let error as IngestError {
            try await recordFailure(file: name, digest: digest, size: size, error: error.description, context)
            return FileOutcome(file: name, status: .failed(error.description))
        }
        do {
            return try await load(file: name, digest: digest, size: size, format: format, openReader: openReader, context)
        } catch let error as IngestError {
            try await recordFailure(file: name, digest: digest, size: size, error: error.description, context)
            return FileOutcome(file: name, status: .failed(error.description))
        }
    }

    private func recordFailure(file: String, digest: Data, size: Int64, error: String, _ context: StageContext) async throws {
        context.logger.error("ingest: \(error)")
        try await context.commitChunk { connection in
            try await connection.query("""
                INSERT INTO source_files (sha256, name, size_bytes, business_date, run_id, status, error)
                VALUES (\(digest), \(file), \(size), \(context.date.description)::date, \(context.runID), 'failed', \(error))
                ON CONFLICT (sha256) DO UPDATE SET error = EXCLUDED.error, run_id = EXCLUDED.run_id, ingested_at = now()
                """, logger: context.logger)
            return .init()
        }
    }

    private func load(
        file: String, digest: Data, size: Int64, format: ExportFormat, openReader: () throws -> SubmissionTimeCheck, _ context: StageContext
    ) async throws -> FileOutcome {
        let cipher = context.services.cipher
        let logger = context.logger
        // Read and load the whole file inside the chunk's transaction: a crash leaves nothing behind.
        var counts = IngestCopy.Counts()
        var loaded = (leads: Int64(0), spend: Int64(0), replaced: [IngestStaging.ReplacedSpend]())
        try await context.commitChunk { connection in
            try await connection.query("DELETE FROM source_files WHERE sha256 = \(digest) AND status = 'failed'", logger: logger)
            let fileID = try await connection.query("""
                INSERT INTO source_files (sha256, name, format, size_bytes, business_date, run_id, status)
                VALUES (\(digest), \(file), \(format.rawValue), \(size), \(context.date.description)::date, \(context.runID), 'loaded')
                RETURNING id
                """, logger: logger).collect()[0].decode(Int64.self)
            try await connection.query(IngestStaging.create, logger: logger)
            var check = try openReader()
            var reader: any ExportReader = check
            if format.carriesLeads {
                try await connection.query("SAVEPOINT direct_copy", logger: logger)
                do {
                    counts = try await IngestCopy.direct(
                        &reader, fileID: fileID, date: context.date, cipher: cipher, connection: connection, logger: logger)
                    try await connection.query("RELEASE SAVEPOINT direct_copy", logger: logger)
                } catch where IngestCopy.isKnownLead(error) {
                    try await connection.query("ROLLBACK TO SAVEPOINT direct_copy", logger: logger)
                    logger.info("ingest: \(file) repeats leads stored from an earlier file; loading it through staging")
                    check = try openReader()
                    reader = check
                    counts = try await IngestCopy.staged(&reader, cipher: cipher, connection: connection, logger: logger)
                }
            } else {
                counts = try await IngestCopy.staged(&reader, cipher: cipher, connection: connection, logger: logger)
            }
            context.failpoints.reach(.ingest, "after-copy")
            loaded = try await IngestStaging.publish(fileID: fileID, date: context.date, connection: connection, logger: logger)
            loaded.leads += counts.direct
            if let note = check.note {
                try await connection.execute("UPDATE source_files SET notes = array_append(notes, \(note)) WHERE id = \(fileID)", logger: logger)
                logger.notice("ingest: \(file): \(note)")
            }
            try await connection.query("""
                UPDATE source_files SET rows_read = \(counts.read), rows_loaded = \(loaded.leads + loaded.spend),
                       rows_rejected = \(counts.rejected), rows_repeated = \(counts.leads - loaded.leads)
                WHERE id = \(fileID)
                """, logger: logger)
            return .init(rowsIn: counts.read, rowsOut: loaded.leads + loaded.spend, rowsRejected: counts.rejected)
        }
        let repeated = counts.leads - loaded.leads
        if !loaded.replaced.isEmpty {
            context.logger.warning("""
                ingest: \(file) replaces the spend of \(loaded.replaced.count) campaign-day(s) loaded from another file: \
                \(loaded.replaced.prefix(5).map(\.description).joined(separator: "; "))
                """)
        }
        context.logger.info("""
            ingest: \(file) (\(format.rawValue)): \(counts.read) rows read = \(loaded.leads) leads + \(loaded.spend) spend rows \
            loaded + \(counts.rejected) rejected + \(repeated) already known
            """)
        return FileOutcome(
            file: file, status: .loaded(format: format), rowsRead: counts.read, leads: loaded.leads, spendRows: loaded.spend,
            rejected: counts.rejected, repeated: repeated, replacedSpend: loaded.replaced.map(\.description))
    }

    /// SHA-256 and size of a file, streamed.
    static func sha256(of file: URL) throws -> (Data, Int64) {
        let handle = FileHandle(fileDescriptor: try ReadableFile.open(file), closeOnDealloc: true)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (Data(hasher.finalize()), size)
    }
}
