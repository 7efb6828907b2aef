import Enrich
import Billing
import Foundation
import Ingest
import LeadModel
import Matching

/// A pipeline file (`pipelines/daily.yml`): where the day's exports are and how each stage behaves.
public struct PipelineDefinition: Sendable {
    public var name: String
    /// The business time zone (IANA name).
    public var timeZone: TimeZone
    /// The inbox folder pattern; `{date}` becomes the business date. Relative to the pipeline file.
    public var inbox: String
    public var stages: [StageName]
    public var chunkSize: Int
    public var dedupWindowDays: Int
    /// How long dedup waits for an earlier day of its window that another process is still enriching
    /// before it gives up (exit 75, run it again later): `dedup_wait_seconds`, default 600.
    public var dedupWaitSeconds: Int = 600
    public var prices: PriceList
    /// The first 8 hex digits of the SHA-256 of the pricing file, part of each decision's rule version.
    public var pricingDigest: String = "-"
    /// At most this many plumbers share a lead (`shared_max`); 1 sells every lead exclusively.
    public var sharedMax: Int = 1
    /// The `From:` of digest emails.
    public var sender: String
    /// The sender's physical postal address every digest shows (CAN-SPAM, `sender_postal_address:`);
    /// digests are not sent without it.
    public var senderPostalAddress: String?
    /// Who gets the daily summary email (`admin_emails:`); none: no summary.
    public var adminEmails: [String] = []
    /// The rules credit requests from the report server are judged by (`return_rules:`, the same file as
    /// `plumberleads credits import`'s); without them the bill stage leaves such requests waiting.
    public var returnRules: ReturnRules?
    /// Where the report server answers the digests' links (`public_url:`, https); digests are not sent without it.
    public var publicURL: URL?
    /// The folder the pipeline file is in; relative paths start there.
    public var baseDirectory: URL
    /// Formats pinned by file-name glob (`"*.tsv": meta_leads`), checked in order before sniffing.
    public var pinnedFormats: [(glob: String, format: ExportFormat)] = []
    /// Service and urgency rules, from the file named by `classification:` (relative to the pipeline file).
    public var classifier: ServiceClassifier = .standard
    /// The NANP members whose phones are sold (`phone_regions:`, ISO codes); by default the United States
    /// and its territories (PR, VI, GU, AS, MP). A lead whose phone belongs elsewhere (Canada, the
    /// Caribbean members) is kept, with the region, and not sold.
    public var phoneCountries: Set<String> = NANPDirectory.unitedStatesAndTerritories

    /// The inbox folder for `date`.
    public func inboxFolder(for date: BusinessDate) -> URL {
        let path = inbox.replacingOccurrences(of: "{date}", with: date.description)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path).standardizedFileURL
    }

    /// The pinned format of a file name, if a glob matches it.
    public func pinnedFormat(for fileName: String) -> ExportFormat? {
        pinnedFormats.first { fnmatch($0.glob, fileName, 0) == 0 }?.format
    }

    /// The allocation policy for a business day (its weekday sets how much of the week has gone).
    public func allocationPolicy(for date: BusinessDate) -> AllocationPolicy {
        AllocationPolicy(prices: prices, sharedMax: sharedMax, weekday: date.isoWeekday, pricingDigest: pricingDigest)
    }

    /// Loads and checks a pipeline file.
    public static func load(_ url: URL) throws -> PipelineDefinition {
        try OpsDataFile.decode(File.self, from: url, what: "pipeline").definition(file: url)
    }

    /// The YAML as written.
    struct File: Decodable {
        var name: String
        var timezone: String
        var inbox: String
        var stages: [String]?
        var chunkSize: Int?
        var dedupWindowDays: Int?
        var pricing: String
        var sender: String
        var formats: [String: String]?
        var classification: String?
        var sharedMax: Int?
        var dedupWaitSeconds: Int?
        var phoneRegions: [String]?
        var senderPostalAddress: String?
        var publicURL: String?
        var adminEmails: [String]?
        var returnRules: String?

        enum CodingKeys: String, CodingKey {
            case returnRules = "return_rules"
            case senderPostalAddress = "sender_postal_address"
            case publicURL = "public_url"
            case adminEmails = "admin_emails"
            case name, timezone, inbox, stages, pricing, sender, formats, classification
            case phoneRegions = "phone_regions"
            case dedupWaitSeconds = "dedup_wait_seconds"
            case sharedMax = "shared_max"
            case chunkSize = "chunk_size"
            case dedupWindowDays = "dedup_window_days"
        }

        func definition(file: URL) throws -> PipelineDefinition {
            func fail(_ detail: String) -> DefinitionError { DefinitionError(file: file.path, detail: detail) }
            guard let zone = TimeZone(identifier: timezone) else { throw fail("unknown time zone \"\(timezone)\"") }
            var stageNames = StageName.allCases
            if let stages {
                stageNames = try stages.map { name in
                    guard let stage = StageName(rawValue: name) else { throw fail("unknown stage \"\(name)\"") }
                    return stage
                }
                guard stageNames == stageNames.sorted(), Set(stageNames).count == stageNames.count else {
                    throw fail("stages must be listed once each, in pipeline order: \(StageName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let chunk = chunkSize ?? 500
            guard (1...100_000).contains(chunk) else { throw fail("chunk_size must be 1 to 100000") }
            let window = dedupWindowDays ?? 30
            guard (0...365).contains(window) else { throw fail("dedup_window_days must be 0 to 365") }
            let wait = dedupWaitSeconds ?? 600
            guard (0...86_400).contains(wait) else { throw fail("dedup_wait_seconds must be 0 to 86400") }
            let pinned = try (formats ?? [:]).sorted { $0.key < $1.key }.map { glob, name in
                guard let format = ExportFormat(rawValue: name) else {
                    throw fail("formats: unknown format \"\(name)\" (known: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return (glob: glob, format: format)
            }
            let base = file.deletingLastPathComponent()
            func near(_ path: String) -> URL { path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path) }
            var classifier = ServiceClassifier.standard
            if let classification { classifier = try ClassificationRules.load(near(classification)) }
            let (prices, digest) = try PricingRules.load(near(pricing))
            let shared = sharedMax ?? 1
            guard (1...10).contains(shared) else { throw fail("shared_max must be 1 to 10") }
            var definition = PipelineDefinition(
                name: name, timeZone: zone, inbox: inbox, stages: stageNames, chunkSize: chunk, dedupWindowDays: window,
                prices: prices, pricingDigest: digest, sharedMax: shared,
                sender: sender, baseDirectory: file.deletingLastPathComponent(), pinnedFormats: pinned, classifier: classifier)
            definition.dedupWaitSeconds = wait
            if let returnRules { definition.returnRules = try ReturnRules.load(near(returnRules)) }
            if let senderPostalAddress {
                guard senderPostalAddress.trimmingCharacters(in: .whitespaces).count >= 10 else {
                    throw fail("sender_postal_address must be the sender's full postal address (street, city, state, ZIP)")
                }
                definition.senderPostalAddress = senderPostalAddress
            }
            if let publicURL {
                guard let url = URL(string: publicURL), url.scheme == "https", url.host?.isEmpty == false, url.query == nil else {
                    throw fail("public_url must be the report server's https URL (https://leads.example.com)")
                }
                definition.publicURL = url
            }
            for address in adminEmails ?? [] {
                guard case .valid(let normalized) = EmailValidator.validate(address) else { throw fail("admin_emails: \"\(address)\" is not an email address") }
                definition.adminEmails.append(normalized)
            }
            if let phoneRegions {
                let known = Set(NANPDirectory.shipped.all.filter(\.isGeographic).map(\.country))
                let unknown = phoneRegions.filter { !known.contains($0) }
                guard !phoneRegions.isEmpty, unknown.isEmpty else {
                    throw fail("phone_regions must list NANP members by ISO code (\(known.sorted().joined(separator: ", "))), not \(unknown.isEmpty ? "nothing" : unknown.joined(separator: ", "))")
                }
                definition.phoneCountries = Set(phoneRegions)
            }
            return definition
        }
    }
}

/// A pipeline file that cannot be used, and why.
public struct DefinitionError: Error, CustomStringConvertible {
    public var file: String
    public var detail: String
    public var description: String { "\(file): \(detail)" }
}
