/// What happened to one lead, stage by stage, with every stored reason (`plumberleads trace LEAD`):
/// where it came from, what enrich found, what dedup decided and why, whom it went to, what was charged.
/// Contact data stays encrypted: the trace names the lead by ids, never by its person.
public struct LeadTrace: Sendable, Hashable {
    /// One line: the stage (or a detail of it, indented) and what it found.
    public struct Line: Sendable, Hashable {
        public var stage: String
        public var text: String

        public init(_ stage: String, _ text: String) {
            (self.stage, self.text) = (stage, text)
        }
    }

    public var lines: [Line]

    public init(lines: [Line]) {
        self.lines = lines
    }

}
