import LeadModel
import Notify
import Testing

/// Every STOP-family and START-family keyword, in any case and with any padding, and nothing else.
@Suite struct ReplyKeywordTests {
    @Test("the opt-out keywords revoke", arguments: [
        "STOP", "stop", " Stop ", "STOPALL", "stopall", "UNSUBSCRIBE", "Unsubscribe", "CANCEL", "cancel.", "END", "QUIT", "quit!", "REVOKE",
        "OPT OUT", "opt out", "Opt  Out", "OPTOUT", "\tstop\n",
    ])
    func optOut(body: String) {
        #expect(ReplyKeyword.classify(body) == .optOut)
    }

    @Test("the opt-in keywords give consent again", arguments: ["START", "start", " Start ", "YES", "yes", "UNSTOP", "unstop!"])
    func optIn(body: String) {
        #expect(ReplyKeyword.classify(body) == .optIn)
    }

    @Test("a sentence is a message for a person, not a command", arguments: [
        "stop texting me please", "Yes I'll take it", "can you cancel the job", "", "ok", "STOP STOP", "nope",
    ])
    func notAKeyword(body: String) {
        #expect(ReplyKeyword.classify(body) == nil)
    }
}
