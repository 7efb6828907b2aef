import Billing
import Foundation
import LeadModel
import Logging
import Store

/// Credits: written as `pending` rows keyed by the assignment (`IdempotencyKey.credit`), then settled
/// through the provider — a refund of a card charge, the cancellation of an overage meter event — so a
/// crash between the two repeats the same request and the provider answers as the first time. A credit
/// for an included subscription lead moves no money and is settled when written.
public enum CreditLedger {
    /// Writes the automatic credits `CreditPolicy` grants from what dedup learned up to `date`, in the
    /// chunk's transaction; returns how many.
    static func writeAutomatic(date: BusinessDate, in transaction: DatabaseSession) async throws -> Int64 {
        let credits = CreditRepository(transaction)
        let evidence = try await credits.automaticEvidence(from: date.adding(days: -CreditPolicy.automaticWindowDays), to: date)
        let granted = CreditPolicy.automaticCredits(evidence)
        try await credits.insert(granted, day: date)
        return Int64(granted.count)
    }

    /// Settles every pending credit (any day), one committed transaction each. Returns how many.
    public static func settlePending(
        provider: any PaymentProvider, database: Database, logger: Logger, afterRequest: () -> Void = {}
    ) async throws -> Int {
        let pending = try await CreditRepository(database.session).pending()
        for credit in pending {
            let (status, reference, failure) = try await settle(credit, provider: provider)
            afterRequest()
            try await database.transaction { try await CreditRepository($0).settle(credit.id, status: status, reference: reference, failure: failure) }
        }
        return pending.count
    }

    static func settle(_ credit: CreditRepository.Pending, provider: any PaymentProvider) async throws -> (CreditStatus, String?, String?) {
        switch credit.method {
        case .meterEvent:
            guard let customer = credit.customer else { return (.failed, nil, "no Stripe customer to cancel the meter event for") }
            return (.credited, try await provider.cancelUsage(identifier: credit.chargeKey.rawValue, customer: customer), nil)
        default:
            guard let reference = credit.chargeReference else { return (.failed, nil, "the charge has no provider reference to refund") }
            let refund = RefundRequest(
                idempotencyKey: credit.key.rawValue, chargeReference: reference, amount: credit.amount,
                metadata: ["credit_id": String(credit.id), "assignment_id": String(credit.assignmentID), "reason_code": credit.reasonCode])
            return (.refunded, try await provider.refund(refund), nil)
        }
    }
}
