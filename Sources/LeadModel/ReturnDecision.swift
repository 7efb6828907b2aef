/// How a plumber's return request was judged (`return_requests.decision`).
public enum ReturnDecision: String, Sendable, Hashable, CaseIterable, Codable {
    /// Within the rules: the charge is credited back.
    case accepted
    /// Outside them; the reason is kept with the request.
    case refused
}
