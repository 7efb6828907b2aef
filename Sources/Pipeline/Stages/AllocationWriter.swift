import Foundation
import LeadModel
import Matching
import PostgresNIO

/// Writes allocation decisions, in the caller's transaction: the assignments and the record of why
/// (`lead_matches`), from which a lead's match status is derived (the `lead_match_status` view).
struct AllocationWriter {
    /// One lead's decision.
    struct Decision {
        var leadID: Int64
        var allocation: Allocation
    }

    /// Separates the items of a list inside one text value (none of them can contain it).
    static let separator = "\u{1F}"

    static func write(
        _ decisions: [Decision], round: Int, date: BusinessDate, ruleVersion: String, plumberRowIDs: [String: Int64],
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !decisions.isEmpty else { return }
        let day = date.description
        let sales = decisions.flatMap { decision in decision.allocation.sales.map { (decision.leadID, $0, decision.allocation.outcome) } }
        if !sales.isEmpty {
            try await connection.query("""
                INSERT INTO assignments (lead_id, plumber_id, business_date, price_cents, currency, reason, shared, billing, round)
                SELECT lead, plumber, \(day)::date, price, currency, reason, shared, billing, \(round)
                FROM unnest(\(sales.map(\.0)), \(sales.map { plumberRowIDs[$0.1.plumberID]! }), \(sales.map(\.1.price.cents)),
                            \(sales.map(\.1.price.currency)), \(sales.map(\.2)), \(sales.map(\.1.shared)), \(sales.map(\.1.billing.rawValue)))
                     AS s(lead, plumber, price, currency, reason, shared, billing)
                """, logger: logger)
        }
        let joined = { (items: [String]) in items.joined(separator: separator) }
        try await connection.query("""
            INSERT INTO lead_matches (lead_id, round, business_date, rule_version, outcome, unsold_kind, eligible, passed_over, not_covering)
            SELECT lead, \(round), \(day)::date, \(ruleVersion), outcome, NULLIF(kind, ''),
                   CASE WHEN eligible = '' THEN '{}' ELSE string_to_array(eligible, \(separator)) END,
                   CASE WHEN passed = '' THEN '{}' ELSE string_to_array(passed, \(separator)) END, uncovered
            FROM unnest(\(decisions.map(\.leadID)), \(decisions.map(\.allocation.outcome)), \(decisions.map { $0.allocation.unsoldKind ?? "" }),
                        \(decisions.map { joined($0.allocation.eligible) }),
                        \(decisions.map { joined($0.allocation.passedOver) }), \(decisions.map(\.allocation.notCovering)))
                 AS d(lead, outcome, kind, eligible, passed, uncovered)
            """, logger: logger)
    }
}
