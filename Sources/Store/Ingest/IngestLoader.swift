import Foundation
import LeadModel
import Logging
import PostgresNIO

/// Loads export files into `source_files`, `raw_leads`, `campaign_spend` and `rejected_rows`, each file
/// inside one transaction (the chunk's).
///
/// Lead exports go *direct*: leads by COPY straight into `raw_leads`, while rejected rows and leads repeated
/// within the file are set aside (`SpillBuffer`) and staged after; one pass over the file, one write per row.
/// A lead already stored from an earlier file makes that COPY fail on the unique key; the loader then rolls
/// back to a savepoint and loads the file *staged*: every record COPYed into the staging table, then moved
/// by set-based SQL that skips known leads and records their sightings (also the path for spend reports).
public struct IngestLoader: Sendable {
    /// Records read from a file, by kind, and how many went straight into `raw_leads`.
    public struct Counts: Sendable, Equatable {
        public var read: Int64 = 0
        public var leads: Int64 = 0
        public var spend: Int64 = 0
        public var rejected: Int64 = 0
        public var direct: Int64 = 0
    }

    /// Spend a file replaces: the same campaign and day loaded before from another file, with another amount.
    public struct ReplacedSpend: Sendable, Equatable, CustomStringConvertible {
        public var platform, campaign, day, file: String
        public var before: Money
        public var after: Money

        public var description: String { "\(platform) \"\(campaign)\" \(day): \(before) from \(file) → \(after)" }
    }

    /// What a loaded file added.
    public struct Loaded: Sendable {
        public var counts: Counts
        /// New leads (not known from another file) and spend rows stored.
        public var leads: Int64
        public var spend: Int64
        public var replaced: [ReplacedSpend]
        /// Leads already known (from another file, or twice in this one).
        public var repeated: Int64 { counts.leads - leads }
    }

    /// The file being loaded.
    public struct File: Sendable {
        public var name: String
        public var sha256: Data
        public var size: Int64
        public var format: String
        public var carriesLeads: Bool
        public var date: BusinessDate
        public var runID: Int64

        public init(name: String, sha256: Data, size: Int64, format: String, carriesLeads: Bool, date: BusinessDate, runID: Int64) {
            (self.name, self.sha256, self.size, self.format, self.carriesLeads, self.date, self.runID) =
                (name, sha256, size, format, carriesLeads, date, runID)
        }
    }

    let session: DatabaseSession
    let cipher: PIICipher

    public init(_ session: DatabaseSession, cipher: PIICipher) {
        self.session = session
        self.cipher = cipher
    }

    /// Whether a file with this SHA-256 was loaded before (a failed attempt does not count).
    public func wasLoaded(sha256: Data) async throws -> Bool {
        try await session.rows("SELECT 1 FROM source_files WHERE sha256 = \(sha256) AND status = 'loaded'").count > 0
    }

    /// Records a file that could not be read, with the error (replacing an earlier failure of the same bytes).
    public func recordFailure(_ file: File, error: String) async throws {
        try await session.execute("""
            INSERT INTO source_files (sha256, name, size_bytes, business_date, run_id, status, error)
            VALUES (\(file.sha256), \(file.name), \(file.size), \(file.date.description)::date, \(file.runID), 'failed', \(error))
            ON CONFLICT (sha256) DO UPDATE SET error = EXCLUDED.error, run_id = EXCLUDED.run_id, ingested_at = now()
            """)
    }

    /// Loads every record `open()` reads, in the caller's transaction; `open` is called again if the file
    /// must be read a second time (staged), and `afterCopy` once the records are in.
    public func load<Reader: ExportReader>(
        _ file: File, open: () throws -> Reader, afterCopy: () -> Void
    ) async throws -> (Loaded, Reader) {
        let logger = session.logger
        try await session.execute("DELETE FROM source_files WHERE sha256 = \(file.sha256) AND status = 'failed'")
        let fileID = try await session.value("""
            INSERT INTO source_files (sha256, name, format, size_bytes, business_date, run_id, status)
            VALUES (\(file.sha256), \(file.name), \(file.format), \(file.size), \(file.date.description)::date, \(file.runID), 'loaded')
            RETURNING id
            """, as: Int64.self)
        try await session.execute(PostgresQuery(unsafeSQL: IngestRows.createStaging))
        var reader = try open()
        var counts: Counts
        if file.carriesLeads {
            try await session.execute("SAVEPOINT direct_copy")
            do {
                counts = try await direct(&reader, fileID: fileID, date: file.date)
                try await session.execute("RELEASE SAVEPOINT direct_copy")
            } catch where Self.isKnownLead(error) {
                try await session.execute("ROLLBACK TO SAVEPOINT direct_copy")
                logger.info("ingest: \(file.name) repeats leads stored from an earlier file; loading it through staging")
                reader = try open()
                counts = try await staged(&reader)
            }
        } else {
            counts = try await staged(&reader)
        }
        afterCopy()
        var loaded = try await publish(fileID: fileID, date: file.date, counts: counts)
        loaded.leads += counts.direct
        try await session.execute("""
            UPDATE source_files SET rows_read = \(counts.read), rows_loaded = \(loaded.leads + loaded.spend),
                   rows_rejected = \(counts.rejected), rows_repeated = \(counts.leads - loaded.leads)
            WHERE id = \(fileID)
            """)
        return (loaded, reader)
    }

    /// Adds a note to the file's record (`plumberleads runs` shows it).
    public func note(_ note: String, sha256: Data) async throws {
        try await session.execute("UPDATE source_files SET notes = array_append(notes, \(note)) WHERE sha256 = \(sha256)")
    }

    /// SQLSTATE unique_violation: the direct COPY met a lead stored before.
    static func isKnownLead(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    private func direct<Reader: ExportReader>(_ reader: inout Reader, fileID: Int64, date: BusinessDate) async throws -> Counts {
        var aside = SpillBuffer()
        // Hashes of the platform ids sent so far. A hit (a repeat, or rarely a collision) is staged, where
        // the unique key decides: nothing is lost either way.
        var sent = Set<Int>()
        var direct: Int64 = 0
        let day = date.description, cipher = cipher
        var counts = try await pump(&reader, table: "raw_leads", columns: IngestRows.rawLeadColumns) { record, encoder, staged in
            switch record {
            case .lead(let lead) where sent.insert(lead.platformLeadID.hashValue).inserted:
                direct += 1
                try IngestRows.encode(rawLead: lead, fileID: fileID, day: day, cipher: cipher, into: &encoder)
            default:
                try IngestRows.encode(staged: record, cipher: cipher, into: &staged)
                if staged.buffer.readableBytes > 1 << 20 { try aside.append(staged.take()) }
            }
        } finish: { staged in
            try aside.append(staged.take())
        }
        counts.direct = direct
        if !aside.isEmpty {
            let aside = aside
            try await session.connection.copyFrom(table: IngestRows.stagingTable, columns: IngestRows.stagingColumns, logger: session.logger) { writer in
                try await aside.drain { try await writer.write($0) }
            }
        }
        return counts
    }

    private func staged<Reader: ExportReader>(_ reader: inout Reader) async throws -> Counts {
        let cipher = cipher
        return try await pump(&reader, table: IngestRows.stagingTable, columns: IngestRows.stagingColumns) { record, encoder, _ in
            try IngestRows.encode(staged: record, cipher: cipher, into: &encoder)
        } finish: { _ in }
    }

    /// Reads every record, counting it and letting `route` encode it into the COPY (`encoder`) or a side
    /// encoder, flushing the COPY every MiB. A reader error ends the COPY cleanly and is thrown after it.
    private func pump<Reader: ExportReader>(
        _ reader: inout Reader, table: String, columns: [String], route: (ExportRecord, inout CopyEncoder, inout CopyEncoder) throws -> Void,
        finish: (inout CopyEncoder) throws -> Void
    ) async throws -> Counts {
        var counts = Counts()
        var readError: (any Error)?
        try await session.connection.copyFrom(table: table, columns: columns, logger: session.logger) { writer in
            var encoder = CopyEncoder()
            var side = CopyEncoder()
            while true {
                let record: ExportRecord?
                do {
                    record = try reader.next()
                } catch {
                    readError = error
                    break
                }
                guard let record else { break }
                counts.read += 1
                switch record {
                case .lead: counts.leads += 1
                case .spend: counts.spend += 1
                case .rejected: counts.rejected += 1
                }
                try route(record, &encoder, &side)
                if encoder.buffer.readableBytes > 1 << 20 { try await writer.write(encoder.take()) }
            }
            try finish(&side)
            if encoder.buffer.readableBytes > 0 { try await writer.write(encoder.take()) }
        }
        if let readError { throw readError }
        return counts
    }

    /// Moves staged rows into their tables.
    private func publish(fileID: Int64, date: BusinessDate, counts: Counts) async throws -> Loaded {
        let leads = try await session.value("""
            WITH inserted AS (
                INSERT INTO raw_leads (source_file_id, line_no, platform, platform_lead_id, business_date, created_at,
                                       campaign_id, campaign_name, form_id, is_test, payload_enc)
                SELECT \(fileID), line_no, platform, platform_lead_id, \(date.description)::date, created_at,
                       campaign_id, campaign_name, form_id, is_test, payload_enc
                FROM ingest_staging WHERE kind = 'lead' ORDER BY line_no
                ON CONFLICT (platform, platform_lead_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM inserted
            """, as: Int64.self)
        // A lead already known from another file (or twice in this one): record the sighting.
        try await session.execute("""
            INSERT INTO raw_lead_sightings (raw_lead_id, source_file_id, line_no)
            SELECT r.id, \(fileID), s.line_no FROM ingest_staging s
            JOIN raw_leads r ON r.platform = s.platform AND r.platform_lead_id = s.platform_lead_id
            WHERE s.kind = 'lead' AND NOT (r.source_file_id = \(fileID) AND r.line_no = s.line_no)
            ON CONFLICT DO NOTHING
            """)
        var replaced: [ReplacedSpend] = []
        for try await (platform, campaign, day, file, oldCents, oldCurrency, newCents, newCurrency) in try await session.connection.query("""
            SELECT c.platform, c.campaign_name, c.day::text, f.name, c.cost_cents, c.currency, s.cost_cents, s.currency
            FROM (SELECT DISTINCT ON (platform, campaign_name, day) platform, campaign_name, day, cost_cents, currency
                  FROM ingest_staging WHERE kind = 'spend' ORDER BY platform, campaign_name, day, line_no DESC) s
            JOIN campaign_spend c ON c.platform = s.platform AND c.campaign_name = s.campaign_name AND c.day = s.day
            JOIN source_files f ON f.id = c.source_file_id
            WHERE c.source_file_id <> \(fileID) AND (c.cost_cents, c.currency) IS DISTINCT FROM (s.cost_cents, s.currency)
            ORDER BY 1, 2, 3
            """, logger: session.logger).decode((String, String, String, String, Int64, String, Int64, String).self) {
            replaced.append(ReplacedSpend(
                platform: platform, campaign: campaign, day: day, file: file, before: Money(cents: oldCents, currency: oldCurrency),
                after: Money(cents: newCents, currency: newCurrency)))
        }
        let spend = try await session.value("""
            WITH upserted AS (
                INSERT INTO campaign_spend (source_file_id, platform, campaign_id, campaign_name, day, currency, cost_cents, impressions, clicks)
                SELECT DISTINCT ON (platform, campaign_name, day) \(fileID), platform, campaign_id, campaign_name, day, currency,
                       cost_cents, impressions, clicks
                FROM ingest_staging WHERE kind = 'spend' ORDER BY platform, campaign_name, day, line_no DESC
                ON CONFLICT (platform, campaign_name, day) DO UPDATE SET source_file_id = EXCLUDED.source_file_id,
                    campaign_id = EXCLUDED.campaign_id, currency = EXCLUDED.currency, cost_cents = EXCLUDED.cost_cents,
                    impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks
                RETURNING 1)
            SELECT count(*) FROM upserted
            """, as: Int64.self)
        try await session.execute("""
            INSERT INTO rejected_rows (source_file_id, line_no, reason, raw_enc)
            SELECT \(fileID), line_no, reason, payload_enc FROM ingest_staging WHERE kind = 'rejected' ORDER BY line_no
            """)
        if !replaced.isEmpty {
            let note = "replaced the spend of \(replaced.count) campaign-day\(replaced.count == 1 ? "" : "s") loaded before: "
                + replaced.prefix(5).map(\.description).joined(separator: "; ") + (replaced.count > 5 ? "; …" : "")
            try await session.execute("UPDATE source_files SET notes = array_append(notes, \(note)) WHERE id = \(fileID)")
        }
        return Loaded(counts: counts, leads: leads, spend: spend, replaced: replaced)
    }
}
