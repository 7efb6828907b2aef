import Foundation

import LeadModel

/// The keywords carriers and the CTIA handbook require honouring, in any case and with any padding:
/// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT revoke; START, YES, UNSTOP give
/// consent again. Anything else is a message for a person, not a command.
extension ReplyKeyword {
    static let optOutWords: Set = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT", "OPTOUT"]
    static let optInWords: Set = ["START", "YES", "UNSTOP"]

    /// The keyword `body` is, or nil when it is none (`stop texting me please` is not `STOP`).
    public static func classify(_ body: String) -> ReplyKeyword? {
        let words = body.uppercased().split { $0.isWhitespace || $0 == "." || $0 == "!" }.joined(separator: " ")
        if optOutWords.contains(words) { return .optOut }
        if optInWords.contains(words) { return .optIn }
        return nil
    }
}

/// A text someone sent to our number, as the provider lists it.
public struct InboundSMS: Sendable, Hashable {
    /// The provider's id for it (Twilio's `sid`), so a reply is applied once.
    public var reference: String
    public var from: String
    public var body: String
    public var receivedAt: Date

    public init(reference: String, from: String, body: String, receivedAt: Date) {
        (self.reference, self.from, self.body, self.receivedAt) = (reference, from, body, receivedAt)
    }
}

/// The replies to our number could not be read: no text may go out until they are, or a STOP would be missed.
public struct RepliesUnavailable: Error, CustomStringConvertible, Sendable {
    public var detail: String

    public init(detail: String) {
        self.detail = detail
    }

    public var description: String { detail }
}
