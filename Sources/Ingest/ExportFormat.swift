import LeadModel
import Foundation

/// The export formats ingest understands, found by looking at the content, never the file name.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Meta Lead Ads file export (TSV or CSV, UTF-8 or UTF-16).
    case metaLeads = "meta_leads"
    /// Google Ads lead form webhook JSON, one object per line or an array.
    case googleLeads = "google_leads"
    /// Meta Graph API leads JSON (bulk-read pages, single leads).
    case metaGraphLeads = "meta_graph_leads"
    /// Google Ads campaign report CSV as the UI downloads it.
    case googleSpend = "google_spend"
    /// Meta Ads insights CSV export.
    case metaSpend = "meta_spend"
    /// The legacy AdWords campaign performance report XML (money in micros).
    case adwordsXML = "adwords_xml"

    /// Sniffs the format from the first bytes of `url`.
    public static func detect(url: URL) throws -> ExportFormat {
        let name = url.lastPathComponent
        var source = try ByteSource(url: url, chunkSize: 64 << 10)
        let head = try source.next() ?? []
        let meaningful = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = meaningful.first else {
            throw IngestError(.emptyFile, file: name, detail: "the file is empty")
        }
        if head.prefix(4096).contains(0) {
            throw IngestError(.binaryFile, file: name, detail: "the file holds NUL bytes; it is not a text export")
        }
        if first == UInt8(ascii: "<") { return .adwordsXML }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let text = String(decoding: head.prefix(16384), as: UTF8.self)
            if text.contains("\"field_data\"") { return .metaGraphLeads }
            if text.contains("\"user_column_data\"") || text.contains("\"lead_id\"") { return .googleLeads }
            throw IngestError(.unknownFormat, file: name, detail: "JSON that is neither a Google lead form payload nor Meta Graph API leads")
        }
        let text = String(decoding: head.prefix(8192), as: UTF8.self).lowercased()
        let lines = text.split(whereSeparator: \.isNewline).prefix(5).map(String.init)
        if lines.first.map({ $0.contains("created_time") && $0.contains("id") }) == true { return .metaLeads }
        if lines.contains(where: { $0.contains("campaign id") && $0.contains("cost") }) { return .googleSpend }
        if lines.first.map({ $0.contains("campaign name") && $0.contains("amount spent") }) == true { return .metaSpend }
        throw IngestError(.unknownFormat, file: name, detail: "not a Meta or Google lead export or spend report (\(shape(of: lines.first ?? "")))")
    }

    /// What the first line looks like, never what it says: it may be a person's row of a header-less
    /// export, and this text goes to the log and `source_files.error`.
    static func shape(of line: String) -> String {
        let tabs = line.utf8.count { $0 == 0x09 }, commas = line.utf8.count { $0 == 0x2C }
        let fields = max(tabs, commas) + 1
        return "its first line has \(line.count) characters in \(fields) \(tabs > commas ? "tab" : "comma")-separated field\(fields == 1 ? "" : "s") "
            + "and no known header (a lead export starts with id and created_time, a spend report with campaign and cost columns)"
    }

    /// Whether the format carries leads (the others carry campaign spend).
    public var carriesLeads: Bool {
        switch self {
        case .metaLeads, .googleLeads, .metaGraphLeads: true
        case .googleSpend, .metaSpend, .adwordsXML: false
        }
    }

    /// Opens a streaming reader of this format over `url`.
    public func reader(url: URL, options: ReaderOptions = ReaderOptions()) throws -> any ExportReader {
        switch self {
        case .metaLeads: try MetaLeadReader(url: url)
        case .googleLeads: try GoogleLeadReader(url: url, expectedKey: options.googleKey?.exposed)
        case .metaGraphLeads: try MetaGraphLeadReader(url: url)
        case .googleSpend: try GoogleSpendReader(url: url)
        case .metaSpend: try MetaSpendReader(url: url)
        case .adwordsXML: try AdWordsXMLReader(url: url)
        }
    }
}

/// Settings readers need beyond the bytes.
public struct ReaderOptions: Sendable {
    /// The key configured on the Google Ads lead form webhook; when set, every Google lead must carry it.
    public var googleKey: Secret?

    public init(googleKey: Secret? = nil) {
        self.googleKey = googleKey
    }
}
