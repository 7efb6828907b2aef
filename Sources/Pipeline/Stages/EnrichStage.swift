import Enrich
import Foundation
import LeadModel
import Store

/// Cleans each raw lead of the day into a lead: phone in E.164, email checked, address in USPS form, ZIP
/// placed on the directory and agreed with the state, service and urgency classified, quality scored,
/// PII encrypted, phone and email blind-indexed, and each valid lead's dedup blocking keys stored as
/// 64-bit blind indexes. Chunks of raw leads; ids are drawn from the sequence first so that leads and
/// their keys go in by COPY together.
struct EnrichStage: Stage {
    let name = StageName.enrich

    func run(_ context: StageContext) async throws {
        let enricher = LeadEnricher(classifier: context.definition.classifier, phoneCountries: context.definition.phoneCountries)
        let cipher = context.services.cipher
        let leads = LeadRepository(context.database.session)
        let size = context.definition.chunkSize
        try await leads.refreshRawLeadStatistics()
        // Chunks go in raw-lead order, so the work left starts after the last enriched raw lead …
        var after = try await leads.lastEnrichedRawLead(day: context.date)
        while true {
            var batch = try await leads.rawLeads(day: context.date, after: after, limit: size)
            // … and one full check at the end catches any raw lead that arrived out of order.
            if batch.isEmpty { batch = try await leads.rawLeadsNotEnriched(day: context.date, limit: size) }
            guard let last = batch.last else { return }
            after = max(after, last.id)
            let ids = try await leads.reserveIDs(batch.count)
            // The work is per row and the rows independent: one slice per core, rows kept in order.
            let slices = Self.slices(batch.count, parts: Self.workers)
            let parts = try await withThrowingTaskGroup(of: (Int, EnrichedRows).self) { group in
                for (index, range) in slices.enumerated() {
                    let rows = Array(batch[range]), rowIDs = Array(ids[range])
                    group.addTask { (index, try Self.enrich(rows, ids: rowIDs, enricher: enricher, cipher: cipher, date: context.date)) }
                }
                var parts = [EnrichedRows?](repeating: nil, count: slices.count)
                for try await (index, part) in group { parts[index] = part }
                return parts.compactMap { $0 }
            }
            var rows = EnrichedRows(cipher: cipher, date: context.date)
            for part in parts { rows.append(contentsOf: part) }
            let count = Int64(batch.count), valid = rows.valid
            try await context.commitChunk { transaction in
                try await LeadRepository(transaction).insert(rows)
                return .init(rowsIn: count, rowsOut: valid, rowsRejected: count - valid)
            }
        }
    }

    /// Cores to enrich on: the database server gets the rest of the machine between chunks.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `count` rows cut into `parts` contiguous ranges (fewer when rows are few).
    static func slices(_ count: Int, parts: Int) -> [Range<Int>] {
        let size = max(1, (count + parts - 1) / parts)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// One slice of a chunk enriched, with each valid lead's blocking keys.
    static func enrich(
        _ stored: [LeadRepository.StoredRawLead], ids: [Int64], enricher: LeadEnricher, cipher: PIICipher, date: BusinessDate
    ) throws -> EnrichedRows {
        var rows = EnrichedRows(cipher: cipher, date: date)
        for (raw, id) in zip(stored, ids) {
            let (lead, address) = enricher.enrichWithAddress(try raw.rawLead(using: cipher))
            let keys = lead.isValid ? DedupProfile(id: id, lead: lead, address: address).keys.map { (input: $0.hashInput, kind: $0.kind.rawValue) } : []
            try rows.append(lead, id: id, rawLeadID: raw.id, platform: raw.platform, keys: keys)
        }
        return rows
    }
}
