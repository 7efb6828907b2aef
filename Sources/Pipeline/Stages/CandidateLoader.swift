import Enrich
import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Builds the allocator's view of the roster for a business day: each plumber's resolved area, the state
/// of their card and what they have already received in the day, its week and its month (active
/// assignments, every run).
struct CandidateLoader: Sendable {
    let roster: [PlumberRepository.Stored]
    /// Roster id → the plumber's row id.
    let rowIDs: [String: Int64]
    let coverage: [Int64: Set<String>]
    /// ZIP → row ids of the plumbers whose area covers it.
    let coveringZIP: [String: [Int64]]

    /// Resolves each plumber's area once: the ZIP list plus every standard ZIP whose centroid is within
    /// the radius of the base ZIP's.
    init(roster: [PlumberRepository.Stored], directory: ZIPDirectory = .shipped) {
        self.roster = roster
        rowIDs = Dictionary(uniqueKeysWithValues: roster.map { ($0.plumber.externalID, $0.id) })
        var coverage: [Int64: Set<String>] = [:]
        var coveringZIP: [String: [Int64]] = [:]
        for stored in roster {
            var zips = stored.plumber.zips
            if let base = stored.plumber.baseZIP, stored.plumber.radiusMiles > 0 {
                zips.formUnion(directory.standardZIPs(within: Double(stored.plumber.radiusMiles), of: base))
            }
            coverage[stored.id] = zips
            for zip in zips { coveringZIP[zip, default: []].append(stored.id) }
        }
        self.coverage = coverage
        self.coveringZIP = coveringZIP
    }

    /// Loads the roster (on `connection`, so a caller's transaction sees its own writes).
    static func load(on connection: PostgresConnection, database: Database, cipher: PIICipher) async throws -> CandidateLoader {
        CandidateLoader(roster: try await PlumberRepository(database: database, cipher: cipher).all(on: connection))
    }

    /// Every plumber, in roster order, with their card and load for `date` as committed now.
    func pool(for date: BusinessDate, on connection: PostgresConnection, logger: Logger) async throws -> CandidatePool {
        try await pool(of: roster, for: date, on: connection, logger: logger)
    }

    /// The plumbers whose area covers `zip`, with their card and load for `date` as committed now (what a
    /// reallocation needs, without reading every plumber's month).
    func pool(covering zip: String, for date: BusinessDate, on connection: PostgresConnection, logger: Logger) async throws -> CandidatePool {
        let ids = Set(coveringZIP[zip] ?? [])
        return try await pool(of: roster.filter { ids.contains($0.id) }, for: date, on: connection, logger: logger)
    }

    private func pool(
        of plumbers: [PlumberRepository.Stored], for date: BusinessDate, on connection: PostgresConnection, logger: Logger
    ) async throws -> CandidatePool {
        let day = date.description
        let ids = plumbers.map(\.id)
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
            WHERE a.plumber_id = ANY(\(ids)) AND a.status = 'active' AND a.business_date >= least(b.week, b.month)
              AND a.business_date < greatest(b.week + 7, (b.month + interval '1 month')::date)
            GROUP BY a.plumber_id
            """, logger: logger)
        for try await (plumber, today, week, month, spent, last) in rows.decode((Int64, Int, Int, Int, Int64, Int64).self) {
            loads[plumber] = PlumberLoad(today: today, week: week, month: month, monthSpentCents: spent, lastServed: last)
        }
        // The card as it is now: a decline earlier in this bill stage marked it failing.
        var failures: [Int64: String] = [:]
        for try await (plumber, failure) in try await connection.query(
            "SELECT id, card_failure FROM plumbers WHERE id = ANY(\(ids)) AND card_failure IS NOT NULL", logger: logger
        ).decode((Int64, String).self) {
            failures[plumber] = failure
        }
        let candidates = plumbers.map {
            Candidate(plumber: $0.plumber, coveredZIPs: coverage[$0.id] ?? [], cardFailure: failures[$0.id], load: loads[$0.id] ?? PlumberLoad())
        }
        return CandidatePool(candidates, rosterCount: roster.count)
    }
}
