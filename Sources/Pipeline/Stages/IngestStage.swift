import Crypto
import Foundation
import Ingest
import LeadModel
import Logging
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
        if try await IngestLoader(context.database.session, cipher: context.services.cipher).wasLoaded(sha256: digest) {
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
        let record = IngestLoader.File(name: file, sha256: digest, size: size, format: "", carriesLeads: false, date: context.date, runID: context.runID)
        try await context.commitChunk { transaction in
            try await IngestLoader(transaction, cipher: context.services.cipher).recordFailure(record, error: error)
            return .init()
        }
    }

    private func load(
        file: String, digest: Data, size: Int64, format: ExportFormat, openReader: () throws -> SubmissionTimeCheck, _ context: StageContext
    ) async throws -> FileOutcome {
        let record = IngestLoader.File(
            name: file, sha256: digest, size: size, format: format.rawValue, carriesLeads: format.carriesLeads, date: context.date,
            runID: context.runID)
        // Read and load the whole file inside the chunk's transaction: a crash leaves nothing behind.
        var loaded: IngestLoader.Loaded?
        try await context.commitChunk { transaction in
            let loader = IngestLoader(transaction, cipher: context.services.cipher)
            let (result, check) = try await loader.load(record, open: openReader) { context.failpoints.reach(.ingest, "after-copy") }
            if let note = check.note {
                try await loader.note(note, sha256: digest)
                context.logger.notice("ingest: \(file): \(note)")
            }
            loaded = result
            return .init(rowsIn: result.counts.read, rowsOut: result.leads + result.spend, rowsRejected: result.counts.rejected)
        }
        let result = loaded!, counts = result.counts
        if !result.replaced.isEmpty {
            context.logger.warning("""
                ingest: \(file) replaces the spend of \(result.replaced.count) campaign-day(s) loaded from another file: \
                \(result.replaced.prefix(5).map(\.description).joined(separator: "; "))
                """)
        }
        context.logger.info("""
            ingest: \(file) (\(format.rawValue)): \(counts.read) rows read = \(result.leads) leads + \(result.spend) spend rows \
            loaded + \(counts.rejected) rejected + \(result.repeated) already known
            """)
        return FileOutcome(
            file: file, status: .loaded(format: format), rowsRead: counts.read, leads: result.leads, spendRows: result.spend,
            rejected: counts.rejected, repeated: result.repeated, replacedSpend: result.replaced.map(\.description))
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
