import LeadModel

/// The plumbers leads are placed with, each with their load, indexed by the ZIPs their areas cover:
/// placing a lead looks only at the plumbers who serve its address, however large the roster.
///
/// A match stage builds one pool and records each sale in it, so every lead is decided with the loads
/// left by the leads before it.
public struct CandidatePool: Sendable, ExpressibleByArrayLiteral {
    /// In roster order.
    public private(set) var candidates: [Candidate]
    /// ZIP → positions in `candidates`, ascending.
    private let byZIP: [String: [Int]]
    /// Roster id → position in `candidates`.
    private let positions: [String: Int]
    /// The whole roster's size: a pool may hold only the plumbers covering one address.
    public let rosterCount: Int

    /// `rosterCount`: how many plumbers the roster has, when `candidates` are only some of them.
    public init(_ candidates: [Candidate], rosterCount: Int? = nil) {
        self.candidates = candidates
        self.rosterCount = rosterCount ?? candidates.count
        var byZIP: [String: [Int]] = [:]
        for (position, candidate) in candidates.enumerated() {
            for zip in candidate.coveredZIPs { byZIP[zip, default: []].append(position) }
        }
        self.byZIP = byZIP
        positions = Dictionary(candidates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(arrayLiteral candidates: Candidate...) {
        self.init(candidates)
    }

    /// The candidates whose area includes `zip`, in roster order.
    public func covering(_ zip: String) -> [Candidate] {
        (byZIP[zip] ?? []).map { candidates[$0] }
    }

    /// Counts `sale` in its plumber's load, as the `sequence`-th lead served (for rotation).
    public mutating func record(_ sale: Sale, sequence: Int64) {
        guard let position = positions[sale.plumberID] else { preconditionFailure("sale to \(sale.plumberID), who is not in the pool") }
        candidates[position].load.add(cents: sale.price.cents, sequence: sequence)
    }
}
