/// What a plumber told us (`plumber_inbox.kind`), from a digest's link or their page.
public enum InboxKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// They won the job.
    case won
    /// The person did not answer.
    case noAnswer = "no_answer"
    /// The phone reaches someone else, or no one.
    case wrongNumber = "wrong_number"
    /// They ask for the lead's price back.
    case creditRequest = "credit_request"
    /// No more digests.
    case unsubscribe
}

/// How a plumber's word reached us (`plumber_inbox.via`).
public enum InboxVia: String, Sendable, Hashable, CaseIterable, Codable {
    /// A signed link from an email, followed in a browser.
    case link
    /// A form on their page, logged in.
    case page
    /// A mailbox's one-click unsubscribe (RFC 8058 POST).
    case oneClick = "one_click"
}
