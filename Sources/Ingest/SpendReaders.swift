import Foundation
import LeadModel

/// Reads the Google Ads campaign report CSV as the UI downloads it: a title line and a date-range line
/// before the header, numbers with thousands separators, `Total:` rows at the end (skipped).
public struct GoogleSpendReader: ExportReader {
    private var csv: CSVReader
    private var columns: [String: Int] = [:]
    private let file: String

    public init(url: URL) throws {
        csv = try CSVReader(url: url, delimiter: UInt8(ascii: ","))
        file = url.lastPathComponent
    }

    public mutating func next() throws -> ExportRecord? {
        if columns.isEmpty { try findHeader() }
        while let record = try csv.next() {
            if let problem = record.problem { return .rejected(RejectedRow(line: record.line, reason: problem, raw: record.raw)) }
            if record.fields.first?.lowercased().hasPrefix("total") == true { continue }
            return SpendParsing.row(record, columns: columns, platform: .google, currencyFromHeader: nil)
        }
        return nil
    }

    private mutating func findHeader() throws {
        while let record = try csv.next() {
            let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if names.contains("campaign id") && names.contains("cost") {
                for (index, name) in names.enumerated() { columns[name] = index }
                for required in ["campaign", "day"] where columns[required] == nil {
                    throw IngestError(.missingColumns, file: file, detail: "missing column \(required)")
                }
                return
            }
        }
        throw IngestError(.headerOnly, file: file, detail: "no header row with Campaign ID and Cost")
    }
}

/// Reads a Meta Ads insights CSV: `Campaign name`, `Reporting starts`, `Amount spent (USD)` …
public struct MetaSpendReader: ExportReader {
    private var csv: CSVReader
    private var columns: [String: Int] = [:]
    private var currency = "USD"
    private let file: String

    public init(url: URL) throws {
        csv = try CSVReader(url: url)
        file = url.lastPathComponent
    }

    public mutating func next() throws -> ExportRecord? {
        if columns.isEmpty {
            guard let header = try csv.next() else { throw IngestError(.emptyFile, file: file, detail: "the file is empty") }
            for (index, raw) in header.fields.enumerated() {
                var name = raw.trimmingCharacters(in: .whitespaces).lowercased()
                if name.hasPrefix("amount spent") {
                    if let open = name.firstIndex(of: "("), let close = name.firstIndex(of: ")"), open < close {
                        currency = name[name.index(after: open)..<close].uppercased()
                    }
                    name = "cost"
                }
                columns[name] = index
            }
            columns["day"] = columns["reporting starts"] ?? columns["day"]
            columns["campaign"] = columns["campaign name"]
            columns["impr."] = columns["impressions"]
            columns["clicks"] = columns["link clicks"] ?? columns["clicks"]
            for required in ["campaign", "day", "cost"] where columns[required] == nil {
                throw IngestError(.missingColumns, file: file, detail: "missing column \(required)")
            }
        }
        while let record = try csv.next() {
            if let problem = record.problem { return .rejected(RejectedRow(line: record.line, reason: problem, raw: record.raw)) }
            return SpendParsing.row(record, columns: columns, platform: .meta, currencyFromHeader: currency)
        }
        return nil
    }
}

/// Shared cell parsing of spend reports.
enum SpendParsing {
    static func row(_ record: CSVRecord, columns: [String: Int], platform: Platform, currencyFromHeader: String?) -> ExportRecord {
        func cell(_ name: String) -> String? {
            guard let index = columns[name], index < record.fields.count else { return nil }
            let value = record.fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty || value == "--" ? nil : value
        }
        let reject = { (reason: String) in ExportRecord.rejected(RejectedRow(line: record.line, reason: reason, raw: record.raw)) }
        guard let name = cell("campaign") else { return reject("missing campaign name") }
        guard let dayText = cell("day"), let day = try? BusinessDate(parsing: dayText) else {
            return reject("day is not a YYYY-MM-DD date")
        }
        let currency = currencyFromHeader ?? cell("currency code")?.uppercased() ?? "USD"
        guard let digits = Currency.minorUnits(currency) else { return reject("unknown currency \"\(currency.prefix(8))\" (not an ISO 4217 code)") }
        guard let text = cell("cost") else { return reject("cost is missing") }
        let cost: Int64
        switch amount(text, minorDigits: digits) {
        case .value(let value): cost = value
        case .negative: return reject("cost is negative (\(text.prefix(20))): spend cannot be below zero")
        case .tooPrecise: return reject("cost \(text.prefix(20)) has more decimals than \(currency) has (\(digits))")
        case .notANumber: return reject("cost is not a number")
        }
        return .spend(SpendRow(
            platform: platform, campaignID: cell("campaign id"), campaignName: name, day: day,
            cost: Money(cents: cost, currency: currency),
            impressions: cell("impr.").flatMap(integer) ?? 0, clicks: cell("clicks").flatMap(integer) ?? 0,
            line: record.line))
    }

    enum Amount: Equatable {
        case value(Int64)
        case negative, tooPrecise, notANumber
    }

    /// `"2,520.00"` in a 2-digit currency → 252000 minor units; `"2,138"` JPY → 2138. Decimals beyond the
    /// currency's must be zeros (`2,138.00` JPY is 2138; `2,138.18` JPY is refused).
    static func amount(_ text: String, minorDigits: Int) -> Amount {
        var plain = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
        if plain.hasPrefix("-") {
            plain.removeFirst()
            if case .value = amount(plain, minorDigits: minorDigits) { return .negative }
            return .notANumber
        }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[0].count <= 15,
              let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else { return .notANumber }
        var scale: Int64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard decimals.allSatisfy({ $0.isASCII && $0.isNumber }), !(parts[0].isEmpty && decimals.isEmpty) else { return .notANumber }
            guard decimals.dropFirst(minorDigits).allSatisfy({ $0 == "0" }) else { return .tooPrecise }
            let kept = String(decimals.prefix(minorDigits)).padding(toLength: minorDigits, withPad: "0", startingAt: 0)
            fraction = kept.isEmpty ? 0 : Int64(kept)!
        }
        return .value(whole * scale + fraction)
    }

    static func integer(_ text: String) -> Int64? {
        Int64(text.replacingOccurrences(of: ",", with: "").split(separator: ".").first.map(String.init) ?? "")
    }
}
