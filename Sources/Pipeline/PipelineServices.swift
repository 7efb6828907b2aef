import Billing
import Foundation
import Ingest
import Notify
import Reports
import Store

/// The collaborators the stages use, chosen once per run.
public struct PipelineServices: Sendable {
    public var cipher: PIICipher
    public var payments: any PaymentProvider
    public var channel: any MessageChannel
    public var messages: MessageTemplates
    public var reports: ReportRenderer
    /// Where report files are written (`var/reports/`).
    public var reportsFolder: URL
    public var clock: @Sendable () -> Date
    /// What readers check beyond the bytes (the Google webhook key).
    public var readerOptions: ReaderOptions

    public init(
        cipher: PIICipher, payments: any PaymentProvider, channel: any MessageChannel, messages: MessageTemplates,
        reports: ReportRenderer, reportsFolder: URL, clock: @escaping @Sendable () -> Date = Date.init,
        readerOptions: ReaderOptions = ReaderOptions()
    ) {
        self.readerOptions = readerOptions
        self.cipher = cipher
        self.payments = payments
        self.channel = channel
        self.messages = messages
        self.reports = reports
        self.reportsFolder = reportsFolder
        self.clock = clock
    }

    /// The local services the demo and a fresh install use: ledger-only payments and the file outbox.
    public static func local(settings: Settings, definition: PipelineDefinition, cipher: PIICipher) async throws -> PipelineServices {
        let templates = settings.templatesFolder(for: definition)
        return PipelineServices(
            cipher: cipher,
            payments: LedgerOnlyProvider(journal: settings.ledgerJournal),
            channel: FileOutbox(root: settings.outbox),
            messages: try await MessageTemplates(directory: templates, sender: definition.sender),
            reports: try await ReportRenderer(directory: templates),
            reportsFolder: settings.reports,
            readerOptions: ReaderOptions(googleKey: settings.googleKey))
    }
}
