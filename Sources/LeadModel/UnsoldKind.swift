/// Why a lead stayed unsold, in the few kinds the campaign report counts (`lead_matches.unsold_kind`).
public enum UnsoldKind: String, Sendable, Hashable, CaseIterable, Codable {
    case noCoverage = "no coverage"
    case serviceNotOffered = "service not offered"
    /// A reallocation after a declined card found no other plumber offering the service.
    case declinedNoOneElse = "declined, no one else"
    case everyonePaused = "everyone paused"
    case everyoneCapped = "everyone capped"
    case everyoneOutOfBudget = "everyone out of budget"
    case noCardOnFile = "no card on file"
    /// Paused, capped and out of budget mixed among the plumbers offering the service.
    case mixed = "everyone paused, capped or out of budget"
}
