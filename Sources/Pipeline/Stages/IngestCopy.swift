import Foundation
import Ingest
import LeadModel
import Logging
import PostgresNIO
import Store

/// The two ways ingest streams a file's records to PostgreSQL, inside the file's transaction.
///
/// *Direct*, for lead exports: leads go by COPY straight into `raw_leads`; rejected rows and leads repeated
/// within the file are set aside and staged after. One pass over the file, one write per row on the server.
/// A lead already stored from an earlier file makes the COPY fail on the unique key; the caller then rolls
/// back to a savepoint and loads the file *staged*: every record COPYed into the staging table, then moved
/// by set-based SQL that skips known leads and records their sightings (also the path for spend reports).
enum IngestCopy {
    /// Records read from the file, by kind, and how many went straight into raw_leads.
    struct Counts {
        var read: Int64 = 0
        var leads: Int64 = 0
        var spend: Int64 = 0
        var rejected: Int64 = 0
        var direct: Int64 = 0
    }

    static let rawLeadColumns = [
        "source_file_id", "line_no", "platform", "platform_lead_id", "business_date", "created_at", "campaign_id",
        "campaign_name", "form_id", "is_test", "payload_enc",
    ]

    /// SQLSTATE unique_violation: the direct COPY met a lead stored before.
    static func isKnownLead(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    static func direct(
        _ reader: inout any ExportReader, fileID: Int64, date: BusinessDate, cipher: PIICipher,
        connection: PostgresConnection, logger: Logger
    ) async throws -> Counts {
        var counts = Counts()
        var aside = SpillBuffer()
        // Hashes of the platform ids sent so far. A hit (a repeat, or rarely a collision) is staged, where
        // the unique key decides: nothing is lost either way.
        var sent = Set<Int>()
        var direct: Int64 = 0
        let day = date.description
        try await pump(&reader, counts: &counts, table: "raw_leads", columns: rawLeadColumns, connection: connection, logger: logger) {
            record, encoder, staged in
            switch record {
            case .lead(let lead) where sent.insert(lead.platformLeadID.hashValue).inserted:
                direct += 1
                try encode(lead, fileID: fileID, day: day, cipher: cipher, into: &encoder)
            default:
                try IngestStaging.encode(record, cipher: cipher, into: &staged)
                if staged.buffer.readableBytes > 1 << 20 { try aside.append(staged.take()) }
            }
        } finish: { staged in
            try aside.append(staged.take())
        }
        counts.direct = direct
        if !aside.isEmpty {
            let aside = aside
            try await connection.copyFrom(table: IngestStaging.table, columns: IngestStaging.columns, logger: logger) { writer in
                try await aside.drain { try await writer.write($0) }
            }
        }
        return counts
    }

    static func staged(_ reader: inout any ExportReader, cipher: PIICipher, connection: PostgresConnection, logger: Logger) async throws -> Counts {
        var counts = Counts()
        try await pump(&reader, counts: &counts, table: IngestStaging.table, columns: IngestStaging.columns, connection: connection, logger: logger) {
            record, encoder, _ in
            try IngestStaging.encode(record, cipher: cipher, into: &encoder)
        } finish: { _ in }
        return counts
    }

    /// Reads every record, counting it and letting `route` encode it into the COPY (`encoder`) or a side
    /// encoder, flushing the COPY every MiB. A reader error ends the COPY cleanly and is thrown after it.
    private static func pump(
        _ reader: inout any ExportReader, counts: inout Counts, table: String, columns: [String], connection: PostgresConnection,
        logger: Logger, route: (ExportRecord, inout CopyEncoder, inout CopyEncoder) throws -> Void,
        finish: (inout CopyEncoder) throws -> Void
    ) async throws {
        var readError: (any Error)?
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
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
    }

    private static func encode(_ lead: RawLead, fileID: Int64, day: String, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.integer(fileID)
        encoder.integer(lead.line)
        encoder.text(lead.platform.rawValue)
        encoder.text(lead.platformLeadID)
        encoder.text(day)
        encoder.text(lead.createdAt.map(IngestStaging.postgresTimestamp))
        encoder.text(lead.campaignID)
        encoder.text(lead.campaignName)
        encoder.text(lead.formID)
        encoder.bool(lead.isTest)
        encoder.bytes(try cipher.encrypt(bytes: LeadPayload.encode(lead)))
        encoder.endRow()
    }
}
