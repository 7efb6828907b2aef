import Enrich
import Foundation
import LeadModel
import Matching
import Store

/// Builds the allocator's view of the roster for a business day: each plumber's resolved area, the state
/// of their card and what they have already received in the day, its week and its month (active
/// assignments, every run).
struct CandidateLoader: Sendable {
    let roster: [RosterEntry]
    /// Roster id → the plumber's row id.
    let rowIDs: [String: Int64]
    let coverage: [Int64: Set<String>]
    /// ZIP → row ids of the plumbers whose area covers it.
    let coveringZIP: [String: [Int64]]

    /// Resolves each plumber's area once: the ZIP list plus every standard ZIP whose centroid is within
    /// the radius of the base ZIP's.
    init(roster: [RosterEntry], directory: ZIPDirectory = .shipped) {
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

    /// Loads the roster (in `session`, so a caller's transaction sees its own writes).
    static func load(in session: DatabaseSession, cipher: PIICipher) async throws -> CandidateLoader {
        CandidateLoader(roster: try await PlumberRepository.all(in: session, cipher: cipher))
    }

    /// Every plumber, in roster order, with their card and load for `date` as committed now.
    func pool(for date: BusinessDate, in session: DatabaseSession) async throws -> CandidatePool {
        try await pool(of: roster, for: date, in: session)
    }

    /// The plumbers whose area covers `zip`, with their card and load for `date` as committed now (what a
    /// reallocation needs, without reading every plumber's month).
    func pool(covering zip: String, for date: BusinessDate, in session: DatabaseSession) async throws -> CandidatePool {
        let ids = Set(coveringZIP[zip] ?? [])
        return try await pool(of: roster.filter { ids.contains($0.id) }, for: date, in: session)
    }

    private func pool(of plumbers: [RosterEntry], for date: BusinessDate, in session: DatabaseSession) async throws -> CandidatePool {
        let ids = plumbers.map(\.id)
        let loads = try await AllocationRepository(session).loads(of: ids, day: date)
        // The card as it is now: a decline earlier in this bill stage marked it failing.
        let failures = try await PlumberRepository.cardFailures(of: ids, in: session)
        let candidates = plumbers.map {
            Candidate(plumber: $0.plumber, coveredZIPs: coverage[$0.id] ?? [], cardFailure: failures[$0.id], load: loads[$0.id] ?? PlumberLoad())
        }
        return CandidatePool(candidates, rosterCount: roster.count)
    }
}
