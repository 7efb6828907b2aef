import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Allocates each unique valid lead of the day by the documented policy (`AllocationPolicy`): to one
/// plumber, or shared by several, within every cap and budget — or leaves it unsold with the reason.
/// Each decision is recorded with the eligible plumbers, why the others were passed over and the rule
/// version. Leads come in chunks, each committed with its decisions.
///
/// The plumbers' loads are read once, from committed assignments, and kept up to date in memory as the
/// stage sells; the allocation lock keeps another partition's match or reallocation from selling to
/// them meanwhile. A resumed run reads the loads its committed chunks left, so it decides exactly as an
/// uninterrupted one, and no cap is exceeded by a crash.
struct MatchStage: Stage {
    let name = StageName.match

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        let policy = context.definition.allocationPolicy(for: context.date)
        let connection = context.database.connection
        // Enrich has just bulk-loaded the day's leads: without fresh counts each chunk's query sorts the rest of the day.
        try await context.database.analyzeSample("leads", columns: ["business_date", "id", "valid"])
        try await RunLedger.withAllocationLock(on: connection, logger: context.logger) {
            let loader = try await CandidateLoader.load(on: connection, database: context.database, cipher: context.services.cipher)
            var pool = try await loader.pool(for: context.date, on: connection, logger: context.logger)
            var sequence = (pool.candidates.map(\.load.lastServed).max() ?? 0) + 1
            // Decisions are committed in lead order: the work left starts after the last decided lead.
            var cursor = try await context.database.rows("""
                SELECT COALESCE(max(lead_id), 0) FROM lead_matches WHERE business_date = \(day)::date AND round = 0
                """)[0].decode(Int64.self)
            while true {
                let leads = try await context.database.rows("""
                    SELECT l.id, l.zip, l.service, l.urgency, r.created_at FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id
                    WHERE l.business_date = \(day)::date AND l.valid AND l.id > \(cursor)
                      AND NOT EXISTS (SELECT 1 FROM lead_dedup d WHERE d.lead_id = l.id AND d.status = 'duplicate')
                      AND NOT EXISTS (SELECT 1 FROM late_duplicates ld WHERE ld.lead_id = l.id)
                    ORDER BY l.id LIMIT \(context.definition.chunkSize)
                    """)
                if leads.isEmpty { return }
                var decisions: [AllocationWriter.Decision] = []
                for row in leads {
                    let (id, zip, service, urgency, created) = try row.decode((Int64, String?, String, String, Date?).self)
                    cursor = id
                    let lead = LeadToPlace(
                        zip: zip ?? "", service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible,
                        createdAt: created)
                    let allocation = policy.allocate(lead, in: pool)
                    for sale in allocation.sales {
                        pool.record(sale, sequence: sequence)
                        sequence += 1
                    }
                    decisions.append(.init(leadID: id, allocation: allocation))
                }
                try await context.commitChunk { connection in
                    try await AllocationWriter.write(
                        decisions, round: 0, date: context.date, ruleVersion: policy.ruleVersion, plumberRowIDs: loader.rowIDs,
                        on: connection, logger: context.logger)
                    let sold = decisions.filter { !$0.allocation.sales.isEmpty }.count
                    return .init(rowsIn: Int64(leads.count), rowsOut: Int64(sold), rowsRejected: Int64(leads.count - sold))
                }
            }
        }
    }
}
