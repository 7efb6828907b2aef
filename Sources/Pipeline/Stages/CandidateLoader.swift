import Enrich
import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Builds the allocator's view of the roster for a business day: each plumber's resolved area and what
/// they have already received in the day, its week and its month (active assignments, every run).
struct CandidateLoader: Sendable {
    let roster: [PlumberRepository.Stored]
    /// Roster id → the plumber's row id.
    let rowIDs: [String: Int64]
    let coverage: [Int64: Set<String>]

    /// Resolves each plumber's area once: the ZIP list plus every ZIP whose centroid is within the
    /// radius of the base ZIP's.
    init(roster: [PlumberRepository.Stored], directory: ZIPDirectory = .shipped) {
        self.roster = roster
        rowIDs = Dictionary(uniqueKeysWithValues: roster.map { ($0.plumber.externalID, $0.id) })
        var coverage: [Int64: Set<String>] = [:]
        for stored in roster {
            var zips = stored.plumber.zips
            if let base = stored.plumber.baseZIP, stored.plumber.radiusMiles > 0 {
                let radius = Double(stored.plumber.radiusMiles)
                for entry in directory.standardZIPs where (directory.miles(from: base, to: entry.zip) ?? .infinity) <= radius {
                    zips.insert(entry.zip)
                }
            }
            coverage[stored.id] = zips
        }
        self.coverage = coverage
    }

    /// Loads the roster (on `connection`, so a caller's transaction sees its own writes).
    static func load(on connection: PostgresConnection, database: Database, cipher: PIICipher) async throws -> CandidateLoader {
        CandidateLoader(roster: try await PlumberRepository(database: database, cipher: cipher).all(on: connection))
    }

    /// Every plumber with their load for `date`, in roster order.
    func candidates(for date: BusinessDate, on connection: PostgresConnection, logger: Logger) async throws -> [Candidate] {
        let day = date.description
        var loads: [Int64: PlumberLoad] = [:]
        let rows = try await connection.query("""
            WITH bounds AS (SELECT date_trunc('week', \(day)::date)::date AS week, date_trunc('month', \(day)::date)::date AS month)
            SELECT a.plumber_id,
                   count(*) FILTER (WHERE a.business_date = \(day)::date),
                   count(*) FILTER (WHERE a.business_date >= b.week AND a.business_date < b.week + 7),
                   count(*) FILTER (WHERE a.business_date >= b.month AND a.business_date < (b.month + interval '1 month')::date),
                   COALESCE(sum(a.price_cents) FILTER (WHERE a.business_date >= b.month AND a.business_date < (b.month + interval '1 month')::date), 0)::bigint,
                   max(a.id)
            FROM assignments a, bounds b
            WHERE a.status = 'active' AND a.business_date >= least(b.week, b.month)
              AND a.business_date < greatest(b.week + 7, (b.month + interval '1 month')::date)
            GROUP BY a.plumber_id
            """, logger: logger)
        for try await (plumber, today, week, month, spent, last) in rows.decode((Int64, Int, Int, Int, Int64, Int64).self) {
            loads[plumber] = PlumberLoad(today: today, week: week, month: month, monthSpentCents: spent, lastServed: last)
        }
        return roster.map {
            Candidate(plumber: $0.plumber, coveredZIPs: coverage[$0.id] ?? [], cardFailure: $0.cardFailure, load: loads[$0.id] ?? PlumberLoad())
        }
    }
}
