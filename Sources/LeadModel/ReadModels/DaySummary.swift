/// The headline figures of one business day, as the demo and ops print them.
public struct DaySummary: Sendable, Hashable, Codable {
    public var files: Int
    /// Files that could not be read at all (empty, binary, unknown format), with their errors.
    public var failedFiles: [String]
    public var rowsRead: Int
    public var leadsIn: Int
    public var rejectedRows: Int
    public var repeatedRows: Int
    public var invalid: Int
    public var duplicates: Int
    public var unique: Int
    public var matched: Int
    public var unsold: Int
    public var charges: Int
    public var billedCents: Int64
    public var emailsSent: Int
    public var smsSent: Int
    /// Urgent texts withheld because they fell outside the recipient's texting hours.
    public var smsWithheld: Int
    /// Urgent leads sold to plumbers without a consent to texts in force: not texted (the digest has them).
    public var smsWithoutConsent: Int
    /// Summaries sent to the admins.
    public var adminSummaries: Int
    /// Plumbers charged this day who unsubscribed from digests: no digest went to them (roster ids).
    public var unsubscribedSkipped: [String]

    public init(
        files: Int, failedFiles: [String], rowsRead: Int, leadsIn: Int, rejectedRows: Int, repeatedRows: Int, invalid: Int, duplicates: Int,
        unique: Int, matched: Int, unsold: Int, charges: Int, billedCents: Int64, emailsSent: Int, smsSent: Int, smsWithheld: Int = 0, smsWithoutConsent: Int = 0, adminSummaries: Int = 0,
        unsubscribedSkipped: [String] = []
    ) {
        self.adminSummaries = adminSummaries
        self.unsubscribedSkipped = unsubscribedSkipped
        (self.smsWithheld, self.smsWithoutConsent) = (smsWithheld, smsWithoutConsent)
        (self.files, self.failedFiles, self.rowsRead, self.leadsIn, self.rejectedRows) = (files, failedFiles, rowsRead, leadsIn, rejectedRows)
        (self.repeatedRows, self.invalid, self.duplicates, self.unique, self.matched) = (repeatedRows, invalid, duplicates, unique, matched)
        (self.unsold, self.charges, self.billedCents, self.emailsSent, self.smsSent) = (unsold, charges, billedCents, emailsSent, smsSent)
    }
}
