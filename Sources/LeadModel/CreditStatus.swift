/// Where a credit stands (`credits.status`).
public enum CreditStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Written, not yet settled with the provider.
    case pending
    /// A card charge given back.
    case refunded
    /// Settled without a refund: an included lead, or a cancelled meter event.
    case credited
    /// The provider could not settle it (no reference to refund, no customer).
    case failed
}
