import Billing
import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// What happens when a plumber's card is declined for a lead: the assignment is released (kept, with
/// the reason), the plumber's card is marked failing (no more pay-per-lead leads until the roster brings
/// another card), and the lead goes to the next eligible plumber by the same policy — recorded as the
/// next round in `lead_matches`, with its charge written to the outbox. An exclusive lead no one else
/// can take becomes unsold; a released share of a shared lead is offered to the next plumber taking
/// shared leads.
struct LeadReallocation {
    let context: StageContext
    let policy: AllocationPolicy
    /// The roster and its areas, resolved once per bill stage; cards and loads are read at each release.
    let loader: CandidateLoader

    init(context: StageContext) async throws {
        self.context = context
        policy = context.definition.allocationPolicy(for: context.date)
        loader = try await CandidateLoader.load(on: context.database.connection, database: context.database, cipher: context.services.cipher)
    }

    /// Releases the assignment and reallocates its lead, in the caller's transaction.
    func release(assignmentID: Int64, leadID: Int64, reason: String, on connection: PostgresConnection) async throws {
        let logger = context.logger
        try await RunLedger.lockAllocation(inTransactionOn: connection, logger: logger)
        let released = try await connection.query("""
            UPDATE assignments SET status = 'released', released_reason = \("card declined: " + reason) WHERE id = \(assignmentID)
            RETURNING plumber_id, shared
            """, logger: logger).collect()
        let (plumberID, shared) = try released[0].decode((Int64, Bool).self)
        try await connection.query("""
            UPDATE plumbers SET card_failure = \(reason), card_failed_at = now() WHERE id = \(plumberID)
            """, logger: logger)
        let lead = try await connection.query("""
            SELECT l.zip, l.service, l.urgency, r.created_at, (SELECT max(round) FROM lead_matches m WHERE m.lead_id = l.id),
                   ARRAY(SELECT p.external_id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.lead_id = l.id)
            FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE l.id = \(leadID)
            """, logger: logger).collect()
        let (zip, service, urgency, created, round, holders) = try lead[0].decode((String?, String, String, Date?, Int?, [String]).self)
        let place = LeadToPlace(
            zip: zip ?? "", service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible, createdAt: created)
        // The plumbers covering the address, with their cards as they are now (this one has just failed) and
        // loads that count this run's assignments.
        let pool = try await loader.pool(covering: place.zip, for: context.date, on: connection, logger: logger)
        var allocation = policy.allocate(place, in: pool, holders: Set(holders), refill: .init(slots: 1, shared: shared))
        if shared, allocation.sales.isEmpty {
            allocation.outcome = allocation.outcome.replacingOccurrences(of: "unsold: ", with: "the share stays unsold: ")
        }
        allocation.outcome = "card of \(loader.roster.first { $0.id == plumberID }?.plumber.externalID ?? "?") declined (\(reason)); "
            + allocation.outcome
        try await AllocationWriter.write(
            [.init(leadID: leadID, allocation: allocation)], round: (round ?? 0) + 1, date: context.date, ruleVersion: policy.ruleVersion,
            plumberRowIDs: loader.rowIDs, on: connection, logger: logger)
        _ = try await BillStage.writeOutbox(date: context.date, provider: context.services.payments.name, on: connection, logger: logger)
    }
}
