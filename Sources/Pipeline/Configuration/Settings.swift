import Foundation
import LeadModel
import Logging
import Notify
import Store

/// Configuration from the environment, with documented keys and safe defaults: a plain value, read once;
/// opening the database and loading the keys are Store's (`DatabaseLocation`, `LocalKeys`).
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `PLUMBERLEADS_HOME` | folder for the local database, outbox, ledger, reports, key | `./var` |
/// | `PLUMBERLEADS_DATABASE_URL` | PostgreSQL URL; unset starts the private cluster under `var/postgres/` | unset |
/// | `PLUMBERLEADS_PII_KEY` | base64 32-byte key encrypting personal data | `var/pii.key` if present |
/// | `PLUMBERLEADS_PII_OLD_KEYS` | comma-separated older keys, for reading values written before a rotation | none |
/// | `PLUMBERLEADS_INDEX_KEY` | base64 32-byte key of the blind indexes (phone, email, dedup keys); never rotated with the PII key | `var/index.key`, else the PII key |
/// | `PLUMBERLEADS_TEMPLATES` | the Mustache templates folder | `reports/` beside `pipelines/` |
/// | `PLUMBERLEADS_FAILPOINT` | `STAGE:POINT[@N][=stop]` to kill (or stop) the process there (tests) | none |
/// | `PLUMBERLEADS_GOOGLE_KEY` | the key set on the Google Ads lead form webhook; leads without it are rejected | unset: not checked |
/// | `PLUMBERLEADS_LOG_LEVEL` | trace, debug, info, notice, warning, error | info |
/// | `STRIPE_SECRET_KEY` | bills through Stripe with this key (`sk_live_…`, `sk_test_…`) | unset: ledger-only, no money moves |
/// | `PLUMBERLEADS_STRIPE_URL` | Stripe's API base URL (a test server) | `https://api.stripe.com` |
/// | `PLUMBERLEADS_STRIPE_METER` | the billing meter's event name for subscription overage | `plumberleads_overage_leads` |
/// | `PLUMBERLEADS_NOW` | a fixed "now" (ISO 8601) for replays and tests: texting hours and charge attempts are judged at it | unset: the real time |
/// | `SENDGRID_API_KEY` | sends digests through SendGrid (`SG.…`) | unset: the file outbox |
/// | `SENDGRID_UNSUBSCRIBE_GROUP` | the unsubscribe group id digests belong to | none |
/// | `PLUMBERLEADS_SENDGRID_URL` | SendGrid's API base URL (a test server) | `https://api.sendgrid.com` |
/// | `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` | send urgent texts through Twilio | unset: the file outbox |
/// | `TWILIO_FROM` or `TWILIO_MESSAGING_SERVICE_SID` | our number (E.164) or Messaging Service (`MG…`) | one is required with Twilio |
/// | `PLUMBERLEADS_TWILIO_URL` | Twilio's API base URL (a test server) | `https://api.twilio.com` |
public struct Settings: Sendable {
    public var home: URL
    public var databaseURL: DatabaseURL?
    /// The PII and blind-index keys (`PLUMBERLEADS_PII_KEY`, `PLUMBERLEADS_PII_OLD_KEYS`, `PLUMBERLEADS_INDEX_KEY`);
    /// never logged.
    public var keys: LocalKeys
    public var templates: URL?
    public var failpoints: String?
    /// The key Google's lead form webhook sends (`google_key`); never logged.
    public var googleKey: Secret?
    public var logLevel: Logger.Level
    /// Never logged or printed.
    public var stripeSecretKey: Secret?
    public var stripeURL: String
    public var stripeMeterEvent: String
    /// A fixed "now" (`PLUMBERLEADS_NOW`); nil: the real time.
    public var now: Date?
    /// SendGrid, when `SENDGRID_API_KEY` is set.
    public var sendGrid: SendGridChannel.Configuration?
    /// Twilio, when `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` are set.
    public var twilio: TwilioChannel.Configuration?

    /// Reads the environment; a malformed value is an error, never a silent fallback.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        home = environment["PLUMBERLEADS_HOME"].map { URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL }
            ?? workingDirectory.appendingPathComponent("var", isDirectory: true)
        databaseURL = try environment["PLUMBERLEADS_DATABASE_URL"].flatMap { $0.isEmpty ? nil : try DatabaseURL(parsing: $0) }
        keys = LocalKeys(
            home: home, piiKey: environment["PLUMBERLEADS_PII_KEY"].flatMap { $0.isEmpty ? nil : Secret($0) },
            oldPIIKeys: (environment["PLUMBERLEADS_PII_OLD_KEYS"] ?? "").split(separator: ",").map { Secret(String($0)) },
            indexKey: environment["PLUMBERLEADS_INDEX_KEY"].flatMap { $0.isEmpty ? nil : Secret($0) })
        templates = environment["PLUMBERLEADS_TEMPLATES"].map { URL(fileURLWithPath: $0, relativeTo: workingDirectory) }
        failpoints = environment["PLUMBERLEADS_FAILPOINT"]
        googleKey = environment["PLUMBERLEADS_GOOGLE_KEY"].flatMap { $0.isEmpty ? nil : Secret($0) }
        let level = environment["PLUMBERLEADS_LOG_LEVEL"] ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else {
            throw SettingsError(detail: "PLUMBERLEADS_LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        logLevel = parsed
        stripeSecretKey = environment["STRIPE_SECRET_KEY"].flatMap { $0.isEmpty ? nil : Secret($0) }
        if let key = stripeSecretKey?.exposed, !(key.hasPrefix("sk_") || key.hasPrefix("rk_")) {
            throw SettingsError(detail: "STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…)")
        }
        stripeURL = environment["PLUMBERLEADS_STRIPE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.stripe.com"
        guard Self.isSafeProviderURL(stripeURL) else {
            throw SettingsError(detail: "PLUMBERLEADS_STRIPE_URL must be an https URL (or http to a test server on this machine: localhost, 127.0.0.1, [::1])")
        }
        stripeMeterEvent = environment["PLUMBERLEADS_STRIPE_METER"].flatMap { $0.isEmpty ? nil : $0 } ?? "plumberleads_overage_leads"
        if let text = environment["PLUMBERLEADS_NOW"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let instant = ISO8601DateFormatter().date(from: text) else {
                throw SettingsError(detail: "PLUMBERLEADS_NOW must be an ISO 8601 date-time with its offset (2026-11-24T18:30:00-06:00)")
            }
            now = instant
        }
        sendGrid = try Self.sendGrid(environment)
        twilio = try Self.twilio(environment)
    }

    static func sendGrid(_ environment: [String: String]) throws -> SendGridChannel.Configuration? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let key = value("SENDGRID_API_KEY") else { return nil }
        guard key.hasPrefix("SG.") else { throw SettingsError(detail: "SENDGRID_API_KEY must be a SendGrid API key (SG.…)") }
        let url = value("PLUMBERLEADS_SENDGRID_URL") ?? "https://api.sendgrid.com"
        guard isSafeProviderURL(url) else { throw SettingsError(detail: "PLUMBERLEADS_SENDGRID_URL must be an https URL (or http to this machine's loopback)") }
        var group: Int?
        if let text = value("SENDGRID_UNSUBSCRIBE_GROUP") {
            guard let number = Int(text), number > 0 else { throw SettingsError(detail: "SENDGRID_UNSUBSCRIBE_GROUP must be a positive integer (the group's id)") }
            group = number
        }
        return SendGridChannel.Configuration(apiKey: Secret(key), baseURL: url, unsubscribeGroup: group)
    }

    static func twilio(_ environment: [String: String]) throws -> TwilioChannel.Configuration? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let sid = value("TWILIO_ACCOUNT_SID"), token = value("TWILIO_AUTH_TOKEN")
        guard sid != nil || token != nil else { return nil }
        guard let sid, let token else { throw SettingsError(detail: "set both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or neither") }
        func isSID(_ text: String, _ prefix: String) -> Bool {
            text.count == 34 && text.hasPrefix(prefix) && text.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        guard isSID(sid, "AC") else { throw SettingsError(detail: "TWILIO_ACCOUNT_SID must be an account SID (AC followed by 32 hex digits)") }
        let sender: TwilioChannel.Sender
        switch (value("TWILIO_FROM"), value("TWILIO_MESSAGING_SERVICE_SID")) {
        case (let number?, nil):
            guard number.hasPrefix("+"), number.count >= 8, number.dropFirst().allSatisfy(\.isNumber) else {
                throw SettingsError(detail: "TWILIO_FROM must be our number in E.164 (+13125550100)")
            }
            sender = .number(number)
        case (nil, let service?):
            guard isSID(service, "MG") else { throw SettingsError(detail: "TWILIO_MESSAGING_SERVICE_SID must be MG followed by 32 hex digits") }
            sender = .messagingService(service)
        default:
            throw SettingsError(detail: "with Twilio, set exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID")
        }
        let url = value("PLUMBERLEADS_TWILIO_URL") ?? "https://api.twilio.com"
        guard isSafeProviderURL(url) else { throw SettingsError(detail: "PLUMBERLEADS_TWILIO_URL must be an https URL (or http to this machine's loopback)") }
        return TwilioChannel.Configuration(accountSID: sid, authToken: Secret(token), sender: sender, baseURL: url)
    }

    /// Whether a provider's base URL may carry a secret key: https anywhere, plain http only to this
    /// machine's loopback, judged on the parsed host (`http://localhost.attacker.example` is not local).
    public static func isSafeProviderURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty, components.user == nil, components.password == nil
        else { return false }
        switch scheme {
        case "https": return true
        case "http": return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        default: return false
        }
    }

    /// The local cluster: `var/postgres/`, or, as root with a home the server user cannot reach (under
    /// `/root`, say), a folder under `/var/lib/plumberleads/clusters/` named for the home.
    public var cluster: LocalCluster { LocalCluster(root: LocalCluster.root(preferring: home.appendingPathComponent("postgres", isDirectory: true))) }
    /// The system of record: the configured URL, or the local cluster.
    public var database: DatabaseLocation { DatabaseLocation(configured: databaseURL, cluster: cluster) }
    public var outbox: URL { home.appendingPathComponent("outbox", isDirectory: true) }
    public var ledgerJournal: URL { home.appendingPathComponent("ledger/payments.jsonl") }
    public var reports: URL { home.appendingPathComponent("reports", isDirectory: true) }

    /// The templates folder: the configured one, or `reports/` beside the pipeline file's folder.
    public func templatesFolder(for definition: PipelineDefinition) -> URL {
        templates ?? definition.baseDirectory.deletingLastPathComponent().appendingPathComponent("reports", isDirectory: true)
    }
}

/// An environment value that cannot be used.
public struct SettingsError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { detail }
}
