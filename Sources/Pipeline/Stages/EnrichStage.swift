import Enrich
import Foundation
import LeadModel
import Logging
import PostgresNIO
import Store

/// Cleans each raw lead of the day into a lead: phone in E.164, email checked, address in USPS form, ZIP
/// placed on the directory and agreed with the state, service and urgency classified, quality scored,
/// PII encrypted, phone and email blind-indexed, and each valid lead's dedup blocking keys stored as
/// 64-bit blind indexes. Chunks of raw leads; ids are drawn from the sequence first so that leads and
/// their keys go in by COPY together.
struct EnrichStage: Stage {
    let name = StageName.enrich
    static let columns = [
        "id", "raw_lead_id", "business_date", "platform", "name_enc", "phone_enc", "email_enc", "street_enc", "phone_bidx",
        "email_bidx", "city", "state", "zip", "zip4", "time_zone", "service", "urgency", "valid", "problems", "notes", "quality",
        "quality_reasons",
    ]

    func run(_ context: StageContext) async throws {
        let enricher = LeadEnricher(classifier: context.definition.classifier)
        let cipher = context.services.cipher
        let day = context.date.description
        let size = context.definition.chunkSize
        // Ingest has just bulk-loaded raw_leads: fresh statistics keep the chunk query on its index (with
        // stale ones the planner expects a handful of rows and sorts the whole rest of the day each chunk).
        try await context.database.execute("SET default_statistics_target = 10")  // counts and ranges suffice
        try await context.database.execute("ANALYZE raw_leads (id, business_date)")
        try await context.database.execute("RESET default_statistics_target")
        // Chunks go in raw-lead order, so the work left starts after the last enriched raw lead …
        var after = try await context.database.rows(
            "SELECT COALESCE(max(raw_lead_id), 0) FROM leads WHERE business_date = \(day)::date")[0].decode(Int64.self)
        while true {
            var batch = try await context.database.rows("""
                SELECT r.id, r.platform, r.platform_lead_id, r.line_no, r.is_test, r.payload_enc
                FROM raw_leads r
                WHERE r.business_date = \(day)::date AND r.id > \(after)
                ORDER BY r.id LIMIT \(size)
                """)
            if batch.isEmpty {
                // … and one full check at the end catches any raw lead that arrived out of order.
                batch = try await context.database.rows("""
                    SELECT r.id, r.platform, r.platform_lead_id, r.line_no, r.is_test, r.payload_enc
                    FROM raw_leads r
                    WHERE r.business_date = \(day)::date AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.raw_lead_id = r.id)
                    ORDER BY r.id LIMIT \(size)
                    """)
            }
            if batch.isEmpty { return }
            after = max(after, try batch[batch.count - 1].decode((Int64, String, String, Int, Bool, Data).self).0)
            let ids = try await context.database.rows("SELECT nextval('leads_id_seq') FROM generate_series(1, \(batch.count))")
                .map { try $0.decode(Int64.self) }
            // The work is per row and the rows independent: one slice per core, rows kept in order.
            let slices = Self.slices(batch.count, parts: Self.workers)
            let parts = try await withThrowingTaskGroup(of: (Int, Encoded).self) { group in
                for (index, range) in slices.enumerated() {
                    let rows = Array(batch[range]), rowIDs = Array(ids[range])
                    group.addTask { (index, try Self.enrich(rows, ids: rowIDs, enricher: enricher, cipher: cipher, date: context.date)) }
                }
                var parts = [Encoded?](repeating: nil, count: slices.count)
                for try await (index, part) in group { parts[index] = part }
                return parts.compactMap { $0 }
            }
            var encoder = ByteBuffer(), keys = ByteBuffer()
            var valid: Int64 = 0
            for var part in parts {
                encoder.writeBuffer(&part.leads)
                keys.writeBuffer(&part.keys)
                valid += part.valid
            }
            let count = Int64(batch.count)
            try await context.commitChunk { connection in
                let leads = encoder, keyRows = keys
                try await connection.copyFrom(table: "leads", columns: Self.columns, logger: context.logger) { writer in
                    try await writer.write(leads)
                }
                try await connection.copyFrom(table: "lead_keys", columns: ["key", "kind", "lead_id", "business_date"], logger: context.logger) { writer in
                    try await writer.write(keyRows)
                }
                return .init(rowsIn: count, rowsOut: valid, rowsRejected: count - valid)
            }
        }
    }

    /// Cores to enrich on: the database server gets the rest of the machine between chunks.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// COPY rows of a slice of the chunk: its leads, their dedup keys, and how many are valid.
    struct Encoded: Sendable {
        var leads: ByteBuffer
        var keys: ByteBuffer
        var valid: Int64
    }

    /// `count` rows cut into `parts` contiguous ranges (fewer when rows are few).
    static func slices(_ count: Int, parts: Int) -> [Range<Int>] {
        let size = max(1, (count + parts - 1) / parts)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    static func enrich(_ rows: [PostgresRow], ids: [Int64], enricher: LeadEnricher, cipher: PIICipher, date: BusinessDate) throws -> Encoded {
        var encoder = CopyEncoder()
        var keys = CopyEncoder()
        var valid: Int64 = 0
        let day = date.description
        for (row, id) in zip(rows, ids) {
            let (rawID, platformText, platformID, line, isTest, payload) = try row.decode((Int64, String, String, Int, Bool, Data).self)
            let raw = try rawLead(platform: platformText, platformID: platformID, line: line, isTest: isTest, payload: payload, cipher: cipher)
            let (lead, address) = enricher.enrichWithAddress(raw)
            try encode(lead, id: id, rawID: rawID, raw: raw, date: date, cipher: cipher, into: &encoder)
            guard lead.isValid else { continue }
            valid += 1
            for key in DedupProfile(id: id, lead: lead, address: address).keys {
                keys.integer(cipher.blindKey(key.hashInput))
                keys.integer(Int64(key.kind.rawValue))
                keys.integer(id)
                keys.text(day)
                keys.endRow()
            }
        }
        return Encoded(leads: encoder.take(), keys: keys.take(), valid: valid)
    }

    static func rawLead(platform: String, platformID: String, line: Int, isTest: Bool, payload: Data, cipher: PIICipher) throws -> RawLead {
        let decoded = try LeadPayload.decode(try cipher.decryptBytes(payload))
        return RawLead(
            platform: Platform(rawValue: platform) ?? .meta, platformLeadID: platformID, line: line, isTest: isTest,
            answers: decoded.answers, extra: decoded.extra)
    }

    static func encode(_ lead: Lead, id: Int64, rawID: Int64, raw: RawLead, date: BusinessDate, cipher: PIICipher, into encoder: inout CopyEncoder) throws {
        encoder.integer(id)
        encoder.integer(rawID)
        encoder.text(date.description)
        encoder.text(raw.platform.rawValue)
        encoder.bytes(try cipher.encrypt(lead.name))
        encoder.bytes(try cipher.encrypt(lead.phone))
        encoder.bytes(try cipher.encrypt(lead.email))
        encoder.bytes(try cipher.encrypt(lead.street))
        encoder.bytes(lead.phone.map(cipher.blindIndex))
        encoder.bytes(lead.email.map(cipher.blindIndex))
        encoder.text(lead.city)
        encoder.text(lead.state)
        encoder.text(lead.zip)
        encoder.text(lead.zip4)
        encoder.text(lead.timeZone)
        encoder.text(lead.service.rawValue)
        encoder.text(lead.urgency.rawValue)
        encoder.bool(lead.isValid)
        encoder.textArray(lead.problems)
        encoder.textArray(lead.notes)
        encoder.integer(lead.quality)
        encoder.textArray(lead.qualityReasons)
        encoder.endRow()
    }
}
