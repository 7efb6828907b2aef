/// What a text a plumber sends back does to their consent (`sms_replies.keyword`); Notify reads it from
/// the words.
public enum ReplyKeyword: String, Sendable, Hashable, CaseIterable {
    case optOut = "opt-out"
    case optIn = "opt-in"
}
