import Foundation
import Ingest
import LeadModel
import Billing
import Store

/// Imports return requests ops receive from plumbers (CSV: `plumber_id, lead_id, reason_code, note`) and
/// judges each by the written rules (`ReturnRules`). An accepted request becomes a credit (refunded by the
/// next run's bill stage, or `plumberleads credits settle`); a refused one is kept with the reason. A row
/// that names no known plumber or lead, or repeats an earlier request, is rejected with its line.
public enum ReturnRequests {
    public static let columns = ["plumber_id", "lead_id", "reason_code", "note"]

    /// One judged request.
    public struct Decision: Sendable, Equatable {
        public var line: Int
        public var plumber: String
        public var lead: Int64
        public var accepted: Bool
        public var reason: String
    }

    public struct Outcome: Sendable {
        public var decisions: [Decision]
        public var rejected: [RejectedRow]
    }

    /// Reads and judges `url` as of `today`, in one transaction.
    public static func importFile(_ url: URL, rules: ReturnRules, today: BusinessDate, database: Database, cipher: PIICipher) async throws -> Outcome {
        var csv = try HeaderedCSV(url: url, required: columns)
        var records: [HeaderedCSV.Row] = []
        while let record = try csv.next() { records.append(record) }
        return try await database.transaction { session in
            var outcome = Outcome(decisions: [], rejected: [])
            for record in records {
                guard let fields = record.fields else {
                    outcome.rejected.append(record.rejected(record.problem ?? "unreadable"))
                    continue
                }
                do {
                    outcome.decisions.append(try await judge(
                        fields, line: record.line, file: url.lastPathComponent, rules: rules, today: today, cipher: cipher, in: session))
                } catch let error as RowError {
                    outcome.rejected.append(record.rejected(error.reason))
                }
            }
            return outcome
        }
    }

    struct RowError: Error {
        var reason: String
    }

    static func judge(
        _ fields: [String: String], line: Int, file: String, rules: ReturnRules, today: BusinessDate, cipher: PIICipher,
        in session: DatabaseSession
    ) async throws -> Decision {
        let plumber = fields["plumber_id"] ?? "", reference = fields["lead_id"] ?? "", code = (fields["reason_code"] ?? "").lowercased()
        guard !plumber.isEmpty, !reference.isEmpty, !code.isEmpty else { throw RowError(reason: "plumber_id, lead_id and reason_code are required") }
        let requests = ReturnRequestRepository(session)
        guard let plumberID = try await requests.plumberID(externalID: plumber) else { throw RowError(reason: "no plumber \(plumber) in the roster") }
        guard let leadID = try await requests.leadID(reference: reference) else { throw RowError(reason: "no lead \(reference)") }
        // A refused request may come again (corrected); an accepted one is final.
        if let date = try await requests.acceptedOn(plumber: plumberID, lead: leadID) {
            throw RowError(reason: "\(plumber) already returned lead \(leadID): accepted on \(date)")
        }
        let purchase = try await requests.purchase(of: leadID, by: plumberID, today: today)
        let record = try await requests.record(of: plumberID, since: today.adding(days: -rules.rateDays))
        var refusal: String? = "\(plumber) did not buy lead \(leadID) (or its charge did not go through)"
        var creditID: Int64?
        if let purchase {
            refusal = rules.refusal(
                reasonCode: code,
                standing: .init(age: purchase.age, bought: record.bought, returned: record.returned, alreadyCredited: purchase.creditedFor))
            if refusal == nil {
                let credit = rules.credit(
                    assignment: purchase.assignmentID, plumber: plumberID, reasonCode: code, charged: purchase.charged, method: purchase.method)
                creditID = try await CreditRepository(session).insert([credit], day: today).first
            }
        }
        let note = fields["note"].flatMap { $0.isEmpty ? nil : $0 }
        let decisionReason = refusal ?? "accepted: \(rules.reasons[code] ?? code)"
        try await requests.insert(.init(
            plumberID: plumberID, leadID: leadID, reasonCode: code, note: try note.map { try cipher.encrypt($0) }, file: file, line: line,
            decision: refusal == nil ? .accepted : .refused, reason: decisionReason, creditID: creditID, received: today))
        return Decision(line: line, plumber: plumber, lead: leadID, accepted: refusal == nil, reason: decisionReason)
    }
}
