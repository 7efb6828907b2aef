import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Allocates each unique valid lead of the day by the documented policy (`AllocationPolicy`): to one
/// plumber, or shared by several, within every cap and budget — or leaves it unsold with the reason.
/// Each decision is recorded with the eligible plumbers, why the others were passed over and the rule
/// version. Leads come in chunks; the plumbers' loads are re-read from committed assignments at each
/// chunk and updated in memory within it, so a resumed run decides exactly as an uninterrupted one and
/// no cap is exceeded by a crash.
struct MatchStage: Stage {
    let name = StageName.match

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        let policy = context.definition.allocationPolicy(for: context.date)
        let connection = context.database.connection
        let loader = try await CandidateLoader.load(on: connection, database: context.database, cipher: context.services.cipher)
        while true {
            let leads = try await context.database.rows("""
                SELECT l.id, l.zip, l.service, l.urgency, r.created_at FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id
                WHERE l.business_date = \(day)::date AND l.valid AND l.match_status IS NULL
                  AND NOT EXISTS (SELECT 1 FROM lead_dedup d WHERE d.lead_id = l.id AND d.status = 'duplicate')
                  AND NOT EXISTS (SELECT 1 FROM late_duplicates ld WHERE ld.lead_id = l.id)
                ORDER BY l.id LIMIT \(context.definition.chunkSize)
                """)
            if leads.isEmpty { return }
            var candidates = try await loader.candidates(for: context.date, on: connection, logger: context.logger)
            var sequence = (candidates.map(\.load.lastServed).max() ?? 0) + 1
            var decisions: [AllocationWriter.Decision] = []
            for row in leads {
                let (id, zip, service, urgency, created) = try row.decode((Int64, String?, String, String, Date?).self)
                let lead = LeadToPlace(
                    zip: zip ?? "", service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible,
                    createdAt: created)
                let allocation = policy.allocate(lead, among: candidates)
                for sale in allocation.sales {
                    let index = candidates.firstIndex { $0.id == sale.plumberID }!
                    candidates[index].load.add(cents: sale.price.cents, sequence: sequence)
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
