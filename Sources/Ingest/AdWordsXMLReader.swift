import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LeadModel

/// Reads the legacy AdWords campaign performance report XML: `<row campaign=… campaignID=… day=…
/// currency=… cost=… impressions=… clicks=…/>` with money in micros.
///
/// FoundationXML's parser kills the process on invalid UTF-8 in a name (swift-corelibs-foundation #5534),
/// so the whole file is validated as UTF-8 first; a DOCTYPE or entity declaration is refused and external
/// entities are never resolved.
public struct AdWordsXMLReader: ExportReader {
    private var records: [ExportRecord] = []
    private var index = 0

    /// Larger reports than this are refused (the legacy report is a daily summary, kilobytes in practice).
    public static let maxBytes = 64 << 20

    public init(url: URL) throws {
        let file = url.lastPathComponent
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        guard data.count <= Self.maxBytes else {
            throw IngestError(.unknownFormat, file: file, detail: "XML report larger than \(Self.maxBytes >> 20) MiB")
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw IngestError(.invalidEncoding, file: file, detail: "the XML report is not valid UTF-8")
        }
        let text = String(decoding: data.prefix(1 << 16), as: UTF8.self)
        if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
            throw IngestError(.unknownFormat, file: file, detail: "XML with a DOCTYPE or entity declarations is refused (entities are never expanded)")
        }
        let delegate = RowCollector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), parser.parserError == nil, delegate.closedRoot else {
            throw IngestError(.malformedXML, file: file, detail: "malformed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "parse error")")
        }
        records = delegate.rows.map(Self.record)
    }

    public mutating func next() throws -> ExportRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }

    static func record(_ row: (attributes: [String: String], line: Int)) -> ExportRecord {
        let a = row.attributes
        let raw = a.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: " ")
        let reject = { (reason: String) in ExportRecord.rejected(RejectedRow(line: row.line, reason: reason, raw: raw)) }
        guard let name = a["campaign"], !name.isEmpty else { return reject("missing campaign") }
        guard let dayText = a["day"], let day = try? BusinessDate(parsing: dayText) else { return reject("day is not a YYYY-MM-DD date") }
        guard let micros = a["cost"].flatMap({ Int64($0) }) else { return reject("cost is not a whole number of micros") }
        guard micros >= 0 else { return reject("cost is negative: spend cannot be below zero") }
        let currency = (a["currency"] ?? "USD").uppercased()
        guard let digits = Currency.minorUnits(currency) else { return reject("unknown currency \"\(currency.prefix(8))\" (not an ISO 4217 code)") }
        // Micros are millionths of the unit: to the currency's minor unit, rounded half up.
        var perMinor: Int64 = 1_000_000
        for _ in 0..<digits { perMinor /= 10 }
        return .spend(SpendRow(
            platform: .google, campaignID: a["campaignID"] ?? a["campaignId"], campaignName: name, day: day,
            cost: Money(cents: (micros + perMinor / 2) / perMinor, currency: currency),
            impressions: a["impressions"].flatMap { Int64($0) } ?? 0, clicks: a["clicks"].flatMap { Int64($0) } ?? 0, line: row.line))
    }

    /// Collects `<row>` elements' attributes.
    final class RowCollector: NSObject, XMLParserDelegate {
        var rows: [(attributes: [String: String], line: Int)] = []
        private var depth = 0
        /// Whether the root element was closed: a truncated file is not a report.
        private(set) var closedRoot = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            if elementName == "row" { rows.append((attributes, parser.lineNumber)) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if depth == 0 { closedRoot = true }
        }
    }
}
