import Crypto
import Foundation
import LeadModel
import Matching

/// Loads the prices ops keep in `pipelines/pricing.yml`, refusing anything it cannot price exactly.
enum PricingRules {
    struct File: Decodable {
        struct Override: Decodable {
            var percent: Int?
            var prices: [String: [String: Int64]]?
        }
        var currency: String?
        var prices: [String: [String: Int64]]
        var sharedPercent: Int?
        var plumbers: [String: Override]?

        enum CodingKeys: String, CodingKey {
            case currency, prices, plumbers
            case sharedPercent = "shared_percent"
        }
    }

    /// The price list and the first 8 hex digits of the file's SHA-256 (the version decisions record).
    static func load(_ url: URL) throws -> (PriceList, String) {
        func fail(_ detail: String) -> DefinitionError { DefinitionError(file: url.path, detail: detail) }
        let file = try OpsDataFile.decode(File.self, from: url, what: "price list")
        let digest = SHA256.hash(data: (try? Data(contentsOf: url)) ?? Data()).prefix(4).map { String(format: "%02x", $0) }.joined()
        func row(_ name: String, _ cents: [String: Int64], complete: Bool) throws -> PriceList.Row {
            var row: PriceList.Row = [:]
            for (key, value) in cents {
                guard let urgency = Urgency(rawValue: key) else {
                    throw fail("\(name): unknown urgency \"\(key)\" (known: \(Urgency.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard value >= 0 else { throw fail("\(name): negative price for \(key)") }
                row[urgency] = value
            }
            if complete, let missing = Urgency.allCases.first(where: { row[$0] == nil }) { throw fail("\(name): no price for \(missing.rawValue)") }
            return row
        }
        func rows(_ table: [String: [String: Int64]], context: String) throws -> [ServiceType: PriceList.Row] {
            var rows: [ServiceType: PriceList.Row] = [:]
            for (key, cents) in table where key != "default" {
                guard let service = ServiceType(rawValue: key) else { throw fail("\(context)unknown service \"\(key)\"") }
                rows[service] = try row("\(context)\(key)", cents, complete: false)
            }
            return rows
        }
        guard let defaults = file.prices["default"] else { throw fail("prices: a default row prices the services not listed") }
        let shared = file.sharedPercent ?? 100
        guard (1...100).contains(shared) else { throw fail("shared_percent must be 1 to 100") }
        var overrides: [String: PriceList.Override] = [:]
        for (plumber, terms) in file.plumbers ?? [:] {
            let percent = terms.percent ?? 100
            guard (1...1000).contains(percent) else { throw fail("plumbers.\(plumber): percent must be 1 to 1000") }
            overrides[plumber] = PriceList.Override(percent: percent, rows: try rows(terms.prices ?? [:], context: "plumbers.\(plumber): "))
        }
        return (PriceList(
            currency: file.currency ?? "USD", defaultRow: try row("prices.default", defaults, complete: true),
            rows: try rows(file.prices, context: "prices: "), sharedPercent: shared, overrides: overrides), digest)
    }
}
