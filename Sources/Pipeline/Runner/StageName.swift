/// The pipeline's stages, in the order they run.
public enum StageName: String, Sendable, CaseIterable, Codable, Comparable {
    case ingest, enrich, dedup, match, bill, notify, report

    public var position: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: StageName, rhs: StageName) -> Bool { lhs.position < rhs.position }
}
