import Foundation
import LeadModel

/// Who is signed in on a request.
public struct Identity: Sendable, Hashable {
    public var accountID: Int64
    public var email: String
    public var role: UserRole
    /// The plumber's internal id and roster id; nil for an admin.
    public var plumberID: Int64?
    public var plumberExternalID: String?
    /// The session's token hash (logout ends it; the CSRF token is derived from it).
    var tokenHash: Data
}
