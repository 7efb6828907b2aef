/// Where a charge stands (`charges.status`): waiting for the provider, or its final outcome.
public enum ChargeStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case succeeded
    case declined
}
