import Billing
import Foundation
import Ingest
import Logging
import Notify
import Reports
import Store

/// The collaborators the stages use, chosen once per run.
public struct PipelineServices: Sendable {
    public var cipher: PIICipher
    public var payments: any PaymentProvider
    /// Where digests go: SendGrid when `SENDGRID_API_KEY` is set, else the file outbox.
    public var email: any EmailChannel
    /// Where urgent texts go: Twilio when `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` are set, else the file outbox.
    public var sms: any SMSChannel
    public var messages: MessageTemplates
    public var reports: ReportRenderer
    /// Where report files are written (`var/reports/`).
    public var reportsFolder: URL
    public var clock: @Sendable () -> Date
    /// What readers check beyond the bytes (the Google webhook key).
    public var readerOptions: ReaderOptions

    public init(
        cipher: PIICipher, payments: any PaymentProvider, email: any EmailChannel, sms: any SMSChannel, messages: MessageTemplates,
        reports: ReportRenderer, reportsFolder: URL, clock: @escaping @Sendable () -> Date = Date.init,
        readerOptions: ReaderOptions = ReaderOptions()
    ) {
        self.readerOptions = readerOptions
        self.cipher = cipher
        self.payments = payments
        self.email = email
        self.sms = sms
        self.messages = messages
        self.reports = reports
        self.reportsFolder = reportsFolder
        self.clock = clock
    }

    /// The services the settings choose: Stripe when `STRIPE_SECRET_KEY` is set, else ledger-only
    /// payments; SendGrid and Twilio when their credentials are set, else the file outbox.
    /// `asOf` fixes "now" (the demo replays each fixture day at its evening); else `PLUMBERLEADS_NOW`, else the real time.
    public static func local(
        settings: Settings, definition: PipelineDefinition, cipher: PIICipher, logger: Logger, asOf: Date? = nil
    ) async throws -> PipelineServices {
        let templates = settings.templatesFolder(for: definition)
        let payments: any PaymentProvider
        if let key = settings.stripeSecretKey {
            let client = StripeClient(configuration: .init(secretKey: key, baseURL: settings.stripeURL), logger: logger)
            payments = StripePaymentProvider(client: client, meterEventName: settings.stripeMeterEvent)
        } else {
            payments = LedgerOnlyProvider(journal: settings.ledgerJournal)
        }
        let outbox = FileOutbox(root: settings.outbox)
        let email: any EmailChannel = settings.sendGrid.map { SendGridChannel(configuration: $0, logger: logger) } ?? outbox
        let sms: any SMSChannel = settings.twilio.map { TwilioChannel(configuration: $0, logger: logger) } ?? outbox
        return PipelineServices(
            cipher: cipher,
            payments: payments,
            email: email,
            sms: sms,
            messages: try await MessageTemplates(directory: templates, sender: definition.sender),
            reports: try await ReportRenderer(directory: templates),
            reportsFolder: settings.reports,
            clock: (asOf ?? settings.now).map { instant in { instant } } ?? Date.init,
            readerOptions: ReaderOptions(googleKey: settings.googleKey))
    }
}
