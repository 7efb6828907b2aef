import Foundation
import LeadModel
import PostgresNIO

/// Return requests (`return_requests`) and what judging one needs to know: who and what it names, the
/// purchase it returns, and the plumber's recent record.
public struct ReturnRequestRepository: Sendable {
    /// The purchase a request returns: a charged, active assignment.
    public struct Purchase: Sendable {
        public var assignmentID: Int64
        /// Days from the lead's business day to the request.
        public var age: Int
        public var charged: Money
        public var method: ChargeMethod
        /// Why it was already credited, if it was.
        public var creditedFor: String?
    }

    /// A judged request, as written.
    public struct Judged: Sendable {
        public var plumberID: Int64
        public var leadID: Int64
        public var reasonCode: String
        /// The plumber's note, encrypted.
        public var note: Data?
        public var file: String
        public var line: Int
        public var decision: ReturnDecision
        public var reason: String
        public var creditID: Int64?
        public var received: BusinessDate

        public init(
            plumberID: Int64, leadID: Int64, reasonCode: String, note: Data?, file: String, line: Int, decision: ReturnDecision, reason: String,
            creditID: Int64?, received: BusinessDate
        ) {
            (self.plumberID, self.leadID, self.reasonCode, self.note, self.file, self.line) = (plumberID, leadID, reasonCode, note, file, line)
            (self.decision, self.reason, self.creditID, self.received) = (decision, reason, creditID, received)
        }
    }

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// The id of the plumber whose roster id is `externalID`.
    public func plumberID(externalID: String) async throws -> Int64? {
        try await session.rows("SELECT id FROM plumbers WHERE external_id = \(externalID)").first?.decode(Int64.self)
    }

    /// The lead a request names, by our lead id or the platform's.
    public func leadID(reference: String) async throws -> Int64? {
        try await session.rows("""
            SELECT l.id FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE l.id::text = \(reference) OR r.platform_lead_id = \(reference)
            ORDER BY l.id LIMIT 1
            """).first?.decode(Int64.self)
    }

    /// The day an earlier request of `plumber` for `lead` was accepted, if one was.
    public func acceptedOn(plumber: Int64, lead: Int64) async throws -> String? {
        try await session.rows("""
            SELECT received_at::date::text FROM return_requests
            WHERE plumber_id = \(plumber) AND lead_id = \(lead) AND decision = \(ReturnDecision.accepted.rawValue)
            """).first?.decode(String.self)
    }

    /// `plumber`'s charged purchase of `lead`, aged as of `today`.
    public func purchase(of lead: Int64, by plumber: Int64, today: BusinessDate) async throws -> Purchase? {
        try await session.rows("""
            SELECT a.id, (\(today.description)::date - a.business_date), c.amount_cents, c.currency, c.method, cr.reason
            FROM assignments a JOIN charges c ON c.assignment_id = a.id AND c.status = \(ChargeStatus.succeeded.rawValue)
            LEFT JOIN credits cr ON cr.assignment_id = a.id
            WHERE a.lead_id = \(lead) AND a.plumber_id = \(plumber) AND a.status = \(AssignmentStatus.active.rawValue)
            """).first.map { row in
            let (assignment, age, cents, currency, method, credited) = try row.decode((Int64, Int, Int64, String, String, String?).self)
            return Purchase(
                assignmentID: assignment, age: age, charged: Money(cents: cents, currency: currency),
                method: ChargeMethod(rawValue: method) ?? .paymentIntent, creditedFor: credited)
        }
    }

    /// How many leads `plumber` bought after `since`, and how many returns of theirs were accepted then.
    public func record(of plumber: Int64, since: BusinessDate) async throws -> (bought: Int, returned: Int) {
        try await session.rows("""
            SELECT (SELECT count(*) FROM assignments WHERE plumber_id = \(plumber) AND status = \(AssignmentStatus.active.rawValue)
                      AND business_date > \(since.description)::date)::int,
                   (SELECT count(*) FROM return_requests WHERE plumber_id = \(plumber) AND decision = \(ReturnDecision.accepted.rawValue)
                      AND received_at > \(since.description)::date)::int
            """)[0].decode((Int, Int).self)
    }

    /// Writes a judged request.
    public func insert(_ request: Judged) async throws {
        try await session.execute("""
            INSERT INTO return_requests (plumber_id, lead_id, reason_code, note_enc, source_file, line_no, decision, decision_reason, credit_id, received_at)
            VALUES (\(request.plumberID), \(request.leadID), \(request.reasonCode), \(request.note), \(request.file), \(request.line),
                    \(request.decision.rawValue), \(request.reason), \(request.creditID), \(request.received.description)::date)
            """)
    }
}
