import Billing
import Foundation
import LeadModel
import Logging
import Matching
import Store

/// Bills each of the day's active assignments exactly once, through the outbox in `charges`:
///
/// 1. One row per assignment is committed as `pending`, keyed by the assignment
///    (`IdempotencyKey.charge`); an included subscription lead is settled at once (no money moves).
/// 2. Each pending charge runs through `ChargeAttempt`: the attempt is committed before any request, the
///    provider is called with the key (a card charge, or a meter event for overage), the outcome is
///    committed. A crash between any two replays the same key, and the provider answers with the first
///    outcome instead of charging again; an attempt older than the provider keeps keys is looked up first.
/// 3. A declined card releases the assignment, marks the card failing and gives the lead to the next
///    eligible plumber in the same transaction (`AllocationPolicy.reallocate`); that assignment's charge
///    is billed later in the same run.
/// 4. Automatic credits (`CreditPolicy`) are written and every pending credit is settled (`CreditLedger`).
struct BillStage: Stage {
    let name = StageName.bill

    func run(_ context: StageContext) async throws {
        let provider = context.services.payments.name
        try await context.commitChunk { .init(rowsIn: try await ChargeRepository($0).writePending(date: context.date, provider: provider)) }
        context.failpoints.reach(.bill, "after-pending")
        // The roster and its areas, resolved once; cards and loads are read at each release.
        let loader = try await CandidateLoader.load(in: context.database.session, cipher: context.services.cipher)
        var cursor: Int64 = 0
        while true {
            let pending = try await ChargeRepository(context.database.session).pending(
                date: context.date, after: cursor, limit: context.definition.chunkSize)
            if pending.isEmpty { break }
            var failedCards: [String: String] = [:]  // customer → reason, for cards that failed in this chunk
            for var charge in pending {
                cursor = charge.id
                if charge.cardFailure == nil, let customer = charge.customer { charge.cardFailure = failedCards[customer] }
                if case .declined(_, let reason) = try await bill(charge, context: context, loader: loader), let customer = charge.customer {
                    failedCards[customer] = reason
                }
            }
        }
        try await context.commitChunk { .init(rowsOut: try await CreditLedger.writeAutomatic(date: context.date, in: $0)) }
        _ = try await InboxJudging.judgeCreditRequests(context)
        _ = try await CreditLedger.settlePending(provider: context.services.payments, database: context.database, logger: context.logger) {
            context.failpoints.reach(.bill, "after-refund")
        }
    }

    /// Bills one pending charge, performing what its `ChargeAttempt` asks; returns the outcome committed.
    func bill(_ charge: ChargeRepository.Pending, context: StageContext, loader: CandidateLoader) async throws -> ChargeOutcome {
        let provider = context.services.payments
        let now = context.services.clock()
        var attempt = ChargeAttempt(
            .init(method: charge.method, customer: charge.customer, paymentMethod: charge.paymentMethod, firstAttempt: charge.firstAttempt,
                  cardFailure: charge.cardFailure),
            now: now)
        var action = attempt.next(.start)
        while true {
            switch action {
            case .recordAttempt:
                try await context.transaction { try await ChargeRepository($0).recordAttempt(charge.id, at: now) }
                context.failpoints.reach(.bill, "before-request")
                action = attempt.next(.attemptRecorded)
            case .lookUp:
                let found = try await provider.findCharge(assignmentID: String(charge.assignmentID))
                context.logger.notice("bill: charge \(charge.id) first tried \(charge.firstAttempt!), older than the key lifetime: looked up, \(found.map { "\($0)" } ?? "none found")")
                action = attempt.next(.lookedUp(found))
            case .sendMeterEvent(let customer):
                let reference = try await provider.reportUsage(UsageEvent(identifier: charge.key.rawValue, customer: customer, timestamp: now))
                context.failpoints.reach(.bill, "after-provider")
                action = attempt.next(.answered(.succeeded(reference: reference)))
            case .sendPaymentIntent(let customer, let paymentMethod):
                let day = context.date.description
                let outcome = try await provider.charge(ChargeRequest(
                    idempotencyKey: charge.key.rawValue, customer: customer, paymentMethod: paymentMethod, amount: charge.amount,
                    description: "PlumberLeads lead \(charge.leadID) (\(day))",
                    metadata: ["assignment_id": String(charge.assignmentID), "lead_id": String(charge.leadID), "business_date": day]))
                context.failpoints.reach(.bill, "after-provider")
                action = attempt.next(.answered(outcome))
            case .settle(let outcome):
                try await context.commitChunk { transaction in
                    let charges = ChargeRepository(transaction)
                    switch outcome {
                    case .succeeded(let reference):
                        try await charges.markSucceeded(charge.id, reference: reference)
                        return .init(rowsOut: 1)
                    case .processing(let reference):
                        try await charges.markProcessing(charge.id, reference: reference)
                        return .init()
                    case .declined(let reference, let reason):
                        try await charges.markDeclined(charge.id, reference: reference, reason: reason)
                        return .init(rowsRejected: 1)
                    }
                }
                return outcome
            case .settleAndRelease(let outcome, let reason):
                try await context.commitChunk { transaction in
                    if case .declined(let reference, _) = outcome {
                        try await ChargeRepository(transaction).markDeclined(charge.id, reference: reference, reason: reason)
                    }
                    try await release(charge, reason: reason, loader: loader, context: context, in: transaction)
                    return .init(rowsRejected: 1)
                }
                return outcome
            }
        }
    }

    /// A declined card: the assignment is released (kept, with the reason), the card marked failing, and
    /// the lead placed again by the same policy — recorded as the next round, its charge written pending.
    func release(
        _ charge: ChargeRepository.Pending, reason: String, loader: CandidateLoader, context: StageContext, in transaction: DatabaseSession
    ) async throws {
        let allocations = AllocationRepository(transaction)
        try await allocations.lockForTransaction()
        let (plumberID, shared) = try await allocations.release(assignment: charge.assignmentID, reason: "card declined: " + reason)
        try await PlumberRepository.markCardFailed(plumberID, reason: reason, in: transaction)
        let lead = try await allocations.releasedLead(charge.leadID)
        // The plumbers covering the address, with their cards as they are now (this one has just failed) and
        // loads that count this run's assignments.
        let pool = try await loader.pool(covering: lead.place.zip, for: context.date, in: transaction)
        let policy = context.definition.allocationPolicy(for: context.date)
        let allocation = policy.reallocate(
            lead.place, in: pool, holders: lead.holders, releasedShare: shared,
            declinedPlumber: loader.roster.first { $0.id == plumberID }?.plumber.externalID ?? "?", reason: reason)
        try await allocations.record(
            [.init(leadID: charge.leadID, allocation: allocation)], round: lead.lastRound + 1, date: context.date,
            ruleVersion: policy.ruleVersion, plumberRowIDs: loader.rowIDs)
        _ = try await ChargeRepository(transaction).writePending(date: context.date, provider: context.services.payments.name)
    }
}
