import Foundation
import Ingest
import LeadModel
import PostgresNIO
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
        var csv = try CSVReader(url: url)
        guard let header = try csv.next() else { throw IngestError(.emptyFile, file: url.lastPathComponent, detail: "the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw IngestError(.missingColumns, file: url.lastPathComponent, detail: "missing column(s) \(missing.joined(separator: ", "))")
        }
        var records: [(line: Int, raw: String, fields: [String: String]?, problem: String?)] = []
        while let record = try csv.next() {
            if let problem = record.problem {
                records.append((record.line, record.raw, nil, problem))
            } else if record.fields.count != names.count {
                records.append((record.line, record.raw, nil, "expected \(names.count) fields, found \(record.fields.count)"))
            } else {
                let fields = Dictionary(zip(names, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { a, _ in a })
                records.append((record.line, record.raw, fields, nil))
            }
        }
        return try await database.transaction { connection in
            var outcome = Outcome(decisions: [], rejected: [])
            for record in records {
                guard let fields = record.fields else {
                    outcome.rejected.append(RejectedRow(line: record.line, reason: record.problem ?? "unreadable", raw: record.raw))
                    continue
                }
                do {
                    outcome.decisions.append(try await judge(
                        fields, line: record.line, file: url.lastPathComponent, rules: rules, today: today, cipher: cipher, on: connection,
                        logger: database.logger))
                } catch let error as RowError {
                    outcome.rejected.append(RejectedRow(line: record.line, reason: error.reason, raw: record.raw))
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
        on connection: PostgresConnection, logger: Logger
    ) async throws -> Decision {
        let plumber = fields["plumber_id"] ?? "", reference = fields["lead_id"] ?? "", code = (fields["reason_code"] ?? "").lowercased()
        guard !plumber.isEmpty, !reference.isEmpty, !code.isEmpty else { throw RowError(reason: "plumber_id, lead_id and reason_code are required") }
        let plumbers = try await connection.query("SELECT id FROM plumbers WHERE external_id = \(plumber)", logger: logger).collect()
        guard let plumberID = try plumbers.first?.decode(Int64.self) else { throw RowError(reason: "no plumber \(plumber) in the roster") }
        let leads = try await connection.query("""
            SELECT l.id FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE l.id::text = \(reference) OR r.platform_lead_id = \(reference)
            ORDER BY l.id LIMIT 1
            """, logger: logger).collect()
        guard let leadID = try leads.first?.decode(Int64.self) else { throw RowError(reason: "no lead \(reference)") }
        let earlier = try await connection.query("""
            SELECT received_at::date::text FROM return_requests WHERE plumber_id = \(plumberID) AND lead_id = \(leadID) AND decision = 'accepted'
            """, logger: logger).collect()
        // A refused request may come again (corrected); an accepted one is final.
        if let date = try earlier.first?.decode(String.self) {
            throw RowError(reason: "\(plumber) already returned lead \(leadID): accepted on \(date)")
        }
        let bought = try await connection.query("""
            SELECT a.id, a.business_date::text, (\(today.description)::date - a.business_date), c.amount_cents, c.currency, c.method, cr.reason
            FROM assignments a JOIN charges c ON c.assignment_id = a.id AND c.status = 'succeeded'
            LEFT JOIN credits cr ON cr.assignment_id = a.id
            WHERE a.lead_id = \(leadID) AND a.plumber_id = \(plumberID) AND a.status = 'active'
            """, logger: logger).collect()
        let since = today.adding(days: -rules.rateDays).description
        let counts = try await connection.query("""
            SELECT (SELECT count(*) FROM assignments WHERE plumber_id = \(plumberID) AND status = 'active' AND business_date > \(since)::date)::int,
                   (SELECT count(*) FROM return_requests WHERE plumber_id = \(plumberID) AND decision = 'accepted'
                      AND received_at > \(since)::date)::int
            """, logger: logger).collect()
        let (boughtCount, returned) = try counts[0].decode((Int, Int).self)
        var refusal: String? = "\(plumber) did not buy lead \(leadID) (or its charge did not go through)"
        var credit: (assignment: Int64, cents: Int64, currency: String, method: String)?
        if let row = bought.first {
            let (assignment, _, age, cents, currency, method, credited) = try row.decode((Int64, String, Int, Int64, String, String, String?).self)
            refusal = rules.refusal(reasonCode: code, standing: .init(age: age, bought: boughtCount, returned: returned, alreadyCredited: credited))
            credit = (assignment, cents, currency, method)
        }
        var creditID: Int64?
        if refusal == nil, let credit {
            let settled = credit.method == "included" || credit.cents == 0
            let words = rules.reasons[code]!
            let rows = try await connection.query("""
                INSERT INTO credits (assignment_id, plumber_id, business_date, source, reason_code, reason, amount_cents, currency,
                                     idempotency_key, status, settled_at)
                VALUES (\(credit.assignment), \(plumberID), \(today.description)::date, 'return', \(code), \("returned: " + words),
                        \(credit.cents), \(credit.currency), \("credit-a\(credit.assignment)"), \(settled ? "credited" : "pending"),
                        \(settled ? Date() : nil))
                RETURNING id
                """, logger: logger).collect()
            creditID = try rows[0].decode(Int64.self)
        }
        let note = fields["note"].flatMap { $0.isEmpty ? nil : $0 }
        let decisionReason = refusal ?? "accepted: \(rules.reasons[code]!)"
        try await connection.query("""
            INSERT INTO return_requests (plumber_id, lead_id, reason_code, note_enc, source_file, line_no, decision, decision_reason, credit_id, received_at)
            VALUES (\(plumberID), \(leadID), \(code), \(try note.map { try cipher.encrypt($0) }), \(file), \(line),
                    \(refusal == nil ? "accepted" : "refused"), \(decisionReason), \(creditID), \(today.description)::date)
            """, logger: logger)
        return Decision(line: line, plumber: plumber, lead: leadID, accepted: refusal == nil, reason: decisionReason)
    }
}
