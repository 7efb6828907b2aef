import Foundation
import LeadModel

/// What the matcher decided for one lead, and why.
public enum MatchDecision: Sendable, Equatable {
    case assigned(plumberID: String, reason: String)
    case unsold(reason: String)
}

/// Chooses the plumber for a lead: one plumber per lead, fair rotation among those who can take it.
///
/// Eligible: active, covers the ZIP, offers the service, below the daily cap. Among the eligible the
/// one with the fewest leads today wins, then the least recently served, then the lowest roster id,
/// so the same input always gives the same answer.
public struct Matcher: Sendable {
    public init() {}

    public func decide(zip: String, service: ServiceType, loads: [PlumberLoad]) -> MatchDecision {
        let covering = loads.filter { $0.plumber.zips.contains(zip) }
        guard !covering.isEmpty else { return .unsold(reason: "no plumber covers ZIP \(zip)") }
        let offering = covering.filter { $0.plumber.services.contains(service) }
        guard !offering.isEmpty else {
            return .unsold(reason: "no plumber covering ZIP \(zip) offers \(service.rawValue)")
        }
        let active = offering.filter(\.plumber.active)
        guard !active.isEmpty else { return .unsold(reason: "every plumber for \(service.rawValue) in \(zip) is paused") }
        let open = active.filter { $0.assignedToday < $0.plumber.dailyCap }
        guard let chosen = open.min(by: Self.fairer) else {
            return .unsold(reason: "all \(active.count) plumber(s) for \(service.rawValue) in \(zip) reached their daily cap")
        }
        return .assigned(
            plumberID: chosen.plumber.externalID,
            reason: "\(open.count) eligible; fewest leads today (\(chosen.assignedToday)), then least recently served")
    }

    static func fairer(_ a: PlumberLoad, _ b: PlumberLoad) -> Bool {
        (a.assignedToday, a.lastServed, a.plumber.externalID) < (b.assignedToday, b.lastServed, b.plumber.externalID)
    }
}
