import Foundation
import LeadModel
import PostgresNIO

/// What allocation reads and writes: the leads to place, the plumbers' loads from committed assignments,
/// the assignments themselves and the record of every decision (`lead_matches`, from which the
/// `lead_match_status` view derives a lead's status).
public struct AllocationRepository: Sendable {
    /// A lead waiting to be placed.
    public struct OpenLead: Sendable {
        public var id: Int64
        public var place: LeadToPlace
    }

    /// A lead whose sale was released, as reallocation needs it.
    public struct ReleasedLead: Sendable {
        public var place: LeadToPlace
        /// The last round recorded for it (0: match).
        public var lastRound: Int
        /// Roster ids of every plumber it was ever assigned to (none of them gets it again).
        public var holders: Set<String>
    }

    /// One lead's decision, with the plumbers' roster ids resolved to rows by `plumberRowIDs`.
    public struct Decision: Sendable {
        public var leadID: Int64
        public var allocation: Allocation
        public init(leadID: Int64, allocation: Allocation) {
            self.leadID = leadID
            self.allocation = allocation
        }
    }

    /// Separates the items of a list inside one text value (none of them can contain it).
    static let separator = "\u{1F}"

    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Refreshes the statistics of the leads enrich has just bulk-loaded: without fresh counts each chunk's
    /// query sorts the rest of the day.
    public func refreshLeadStatistics() async throws {
        try await session.analyzeSample("leads", columns: ["business_date", "id", "valid"])
    }

    /// Runs `body` holding the allocation lock (another partition's match or reallocation waits).
    public func withLock<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await RunLedger.withAllocationLock(on: session, body)
    }

    /// Takes the allocation lock until this transaction ends.
    public func lockForTransaction() async throws {
        try await RunLedger.lockAllocation(in: session)
    }

    /// The last lead of `day` decided by match (decisions are committed in lead order), 0 for none.
    public func lastMatched(day: BusinessDate) async throws -> Int64 {
        try await session.value("SELECT COALESCE(max(lead_id), 0) FROM lead_matches WHERE business_date = \(day.description)::date AND round = 0")
    }

    /// The next unique valid leads of `day` after `after`, in id order.
    public func openLeads(day: BusinessDate, after: Int64, limit: Int) async throws -> [OpenLead] {
        try await session.rows("""
            SELECT l.id, l.zip, l.service, l.urgency, r.created_at FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id
            WHERE l.business_date = \(day.description)::date AND l.valid AND l.id > \(after)
              AND NOT EXISTS (SELECT 1 FROM lead_dedup d WHERE d.lead_id = l.id AND d.status = 'duplicate')
              AND NOT EXISTS (SELECT 1 FROM late_duplicates ld WHERE ld.lead_id = l.id)
            ORDER BY l.id LIMIT \(limit)
            """).map { row in
            let (id, zip, service, urgency, created) = try row.decode((Int64, String?, String, String, Date?).self)
            return OpenLead(id: id, place: Self.place(zip: zip, service: service, urgency: urgency, createdAt: created))
        }
    }

    /// What each of `plumbers` (row ids) has received in `day`, its week and its month (active assignments
    /// of every run), as committed now.
    public func loads(of plumbers: [Int64], day: BusinessDate) async throws -> [Int64: PlumberLoad] {
        let date = day.description
        var loads: [Int64: PlumberLoad] = [:]
        let rows = try await session.connection.query("""
            WITH bounds AS (SELECT date_trunc('week', \(date)::date)::date AS week, date_trunc('month', \(date)::date)::date AS month)
            SELECT a.plumber_id,
                   count(*) FILTER (WHERE a.business_date = \(date)::date),
                   count(*) FILTER (WHERE a.business_date >= b.week AND a.business_date < b.week + 7),
                   count(*) FILTER (WHERE a.business_date >= b.month AND a.business_date < (b.month + interval '1 month')::date),
                   COALESCE(sum(a.price_cents) FILTER (WHERE a.business_date >= b.month AND a.business_date < (b.month + interval '1 month')::date), 0)::bigint,
                   max(a.id)
            FROM assignments a, bounds b
            WHERE a.plumber_id = ANY(\(plumbers)) AND a.status = 'active' AND a.business_date >= least(b.week, b.month)
              AND a.business_date < greatest(b.week + 7, (b.month + interval '1 month')::date)
            GROUP BY a.plumber_id
            """, logger: session.logger)
        for try await (plumber, today, week, month, spent, last) in rows.decode((Int64, Int, Int, Int, Int64, Int64).self) {
            loads[plumber] = PlumberLoad(today: today, week: week, month: month, monthSpentCents: spent, lastServed: last)
        }
        return loads
    }

    /// Records decisions of round `round` (0: match; 1…: reallocations after declined cards): the sales as
    /// assignments and every decision with its reasons.
    public func record(
        _ decisions: [Decision], round: Int, date: BusinessDate, ruleVersion: String, plumberRowIDs: [String: Int64]
    ) async throws {
        guard !decisions.isEmpty else { return }
        let day = date.description
        let sales = decisions.flatMap { decision in decision.allocation.sales.map { (decision.leadID, $0, decision.allocation.outcome) } }
        if !sales.isEmpty {
            try await session.execute("""
                INSERT INTO assignments (lead_id, plumber_id, business_date, price_cents, currency, reason, shared, billing, round)
                SELECT lead, plumber, \(day)::date, price, currency, reason, shared, billing, \(round)
                FROM unnest(\(sales.map(\.0)), \(sales.map { plumberRowIDs[$0.1.plumberID]! }), \(sales.map(\.1.price.cents)),
                            \(sales.map(\.1.price.currency)), \(sales.map(\.2)), \(sales.map(\.1.shared)), \(sales.map(\.1.billing.rawValue)))
                     AS s(lead, plumber, price, currency, reason, shared, billing)
                """)
        }
        let joined = { (items: [String]) in items.joined(separator: Self.separator) }
        try await session.execute("""
            INSERT INTO lead_matches (lead_id, round, business_date, rule_version, outcome, unsold_kind, eligible, passed_over, not_covering)
            SELECT lead, \(round), \(day)::date, \(ruleVersion), outcome, NULLIF(kind, ''),
                   CASE WHEN eligible = '' THEN '{}' ELSE string_to_array(eligible, \(Self.separator)) END,
                   CASE WHEN passed = '' THEN '{}' ELSE string_to_array(passed, \(Self.separator)) END, uncovered
            FROM unnest(\(decisions.map(\.leadID)), \(decisions.map(\.allocation.outcome)), \(decisions.map { $0.allocation.unsoldKind?.rawValue ?? "" }),
                        \(decisions.map { joined($0.allocation.eligible) }),
                        \(decisions.map { joined($0.allocation.passedOver) }), \(decisions.map(\.allocation.notCovering)))
                 AS d(lead, outcome, kind, eligible, passed, uncovered)
            """)
    }

    /// Releases an assignment (kept, with the reason); returns its plumber's row id, its lead and whether it was a share.
    public func release(assignment: Int64, reason: String) async throws -> (plumberID: Int64, shared: Bool) {
        let rows = try await session.rows("""
            UPDATE assignments SET status = 'released', released_reason = \(reason) WHERE id = \(assignment)
            RETURNING plumber_id, shared
            """)
        let (plumberID, shared) = try rows[0].decode((Int64, Bool).self)
        return (plumberID, shared)
    }

    /// A released lead, to place again.
    public func releasedLead(_ leadID: Int64) async throws -> ReleasedLead {
        let row = try await session.rows("""
            SELECT l.zip, l.service, l.urgency, r.created_at, (SELECT max(round) FROM lead_matches m WHERE m.lead_id = l.id),
                   ARRAY(SELECT p.external_id FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.lead_id = l.id)
            FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id WHERE l.id = \(leadID)
            """)[0]
        let (zip, service, urgency, created, round, holders) = try row.decode((String?, String, String, Date?, Int?, [String]).self)
        return ReleasedLead(place: Self.place(zip: zip, service: service, urgency: urgency, createdAt: created), lastRound: round ?? 0, holders: Set(holders))
    }

    static func place(zip: String?, service: String, urgency: String, createdAt: Date?) -> LeadToPlace {
        LeadToPlace(
            zip: zip ?? "", service: ServiceType(rawValue: service) ?? .other, urgency: Urgency(rawValue: urgency) ?? .flexible, createdAt: createdAt)
    }
}
