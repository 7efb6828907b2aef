import Foundation
import LeadModel
import Matching
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
        let policy = context.definition.allocationPolicy(for: context.date)
        let session = context.database.session
        let allocations = AllocationRepository(session)
        try await allocations.refreshLeadStatistics()
        try await allocations.withLock {
            let loader = try await CandidateLoader.load(in: session, cipher: context.services.cipher)
            var pool = try await loader.pool(for: context.date, in: session)
            var sequence = (pool.candidates.map(\.load.lastServed).max() ?? 0) + 1
            // Decisions are committed in lead order: the work left starts after the last decided lead.
            var cursor = try await allocations.lastMatched(day: context.date)
            while true {
                let leads = try await allocations.openLeads(day: context.date, after: cursor, limit: context.definition.chunkSize)
                guard let last = leads.last else { return }
                cursor = last.id
                var decisions: [AllocationRepository.Decision] = []
                for lead in leads {
                    let allocation = policy.allocate(lead.place, in: pool)
                    for sale in allocation.sales {
                        pool.record(sale, sequence: sequence)
                        sequence += 1
                    }
                    decisions.append(.init(leadID: lead.id, allocation: allocation))
                }
                try await context.commitChunk { transaction in
                    try await AllocationRepository(transaction).record(
                        decisions, round: 0, date: context.date, ruleVersion: policy.ruleVersion, plumberRowIDs: loader.rowIDs)
                    let sold = decisions.filter { !$0.allocation.sales.isEmpty }.count
                    return .init(rowsIn: Int64(leads.count), rowsOut: Int64(sold), rowsRejected: Int64(leads.count - sold))
                }
            }
        }
    }
}
