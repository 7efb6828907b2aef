import Foundation
import LeadModel
import Logging
import Store

/// What plumbers told the report server (`plumber_inbox`), taken in by the batch. Each entry is judged
/// once (`inbox_judgements`); the inbox itself is never changed.
///
/// - In bill, before credits settle: a credit request, and a "wrong number", is a return request judged
///   by the pipeline's `return_rules` exactly as `plumberleads credits import` judges a CSV row (a wrong
///   number is the `wrong_number` reason). An accepted one is a credit the same stage refunds.
/// - In notify, before digests are queued: an unsubscribe stops the plumber's digests.
/// - A won job or no answer is an outcome: noted, and counted by the campaign report.
enum InboxJudging {
    /// Judges the waiting credit requests and wrong numbers; returns how many it judged.
    static func judgeCreditRequests(_ context: StageContext) async throws -> Int64 {
        guard let rules = context.definition.returnRules else {
            context.logger.notice("bill: the pipeline file names no return_rules; credit requests from the report server wait")
            return 0
        }
        let now = context.services.clock()
        var judged: Int64 = 0
        try await context.commitChunk { session in
            let inbox = InboxRepository(session, cipher: context.services.cipher)
            for entry in try await inbox.unjudged([.creditRequest, .wrongNumber]) {
                guard let lead = entry.leadID else { continue }
                let code = entry.kind == .wrongNumber ? "wrong_number" : entry.reasonCode ?? ""
                let fields = ["plumber_id": entry.plumberExternalID, "lead_id": String(lead), "reason_code": code, "note": entry.note ?? ""]
                let outcome: String
                do {
                    let decision = try await ReturnRequests.judge(
                        fields, line: Int(entry.id), file: "plumber inbox", rules: rules, today: context.date, cipher: context.services.cipher, in: session)
                    outcome = decision.reason
                } catch let error as ReturnRequests.RowError {
                    outcome = "not judged: \(error.reason)"
                }
                try await inbox.judged(entry.id, outcome: outcome, at: now)
                judged += 1
            }
            return .init(rowsIn: judged)
        }
        return judged
    }

    /// Applies the waiting unsubscribes and notes the outcomes; returns how many entries it took in.
    static func applyUnsubscribesAndOutcomes(_ context: StageContext) async throws -> Int64 {
        let now = context.services.clock()
        return try await context.transaction { session in
            let inbox = InboxRepository(session, cipher: context.services.cipher)
            var taken: Int64 = 0
            for entry in try await inbox.unjudged([.unsubscribe, .won, .noAnswer]) {
                if entry.kind == .unsubscribe {
                    try await PlumberRepository.unsubscribeDigests(rowID: entry.plumberID, at: entry.receivedAt, in: session)
                    try await inbox.judged(entry.id, outcome: "digests stopped", at: now)
                } else {
                    try await inbox.judged(entry.id, outcome: "noted", at: now)
                }
                taken += 1
            }
            return taken
        }
    }
}
