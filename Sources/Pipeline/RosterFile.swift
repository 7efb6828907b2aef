import Enrich
import Foundation
import Ingest
import LeadModel

/// Reads a plumber roster CSV: `plumber_id, business_name, email, mobile, zips, services, daily_cap, status`.
/// ZIPs and services are separated by spaces or semicolons; status is `active` or `paused`.
public enum RosterFile {
    public static let columns = ["plumber_id", "business_name", "email", "mobile", "zips", "services", "daily_cap", "status"]

    /// The plumbers read and the rows that could not be used.
    public struct Result: Sendable {
        public var plumbers: [Plumber]
        public var rejected: [RejectedRow]
    }

    public static func read(_ url: URL) throws -> Result {
        var csv = try CSVReader(url: url)
        guard let header = try csv.next() else {
            throw IngestError(.emptyFile, file: url.lastPathComponent, detail: "the roster is empty")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw IngestError(.missingColumns, file: url.lastPathComponent, detail: "missing column(s) \(missing.joined(separator: ", "))")
        }
        var result = Result(plumbers: [], rejected: [])
        var seen = Set<String>()
        while let record = try csv.next() {
            let reject = { (reason: String) in result.rejected.append(RejectedRow(line: record.line, reason: reason, raw: record.raw)) }
            if let problem = record.problem { reject(problem); continue }
            guard record.fields.count == names.count else { reject("expected \(names.count) fields, found \(record.fields.count)"); continue }
            let row = Dictionary(zip(names, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { a, _ in a })
            switch plumber(from: row) {
            case .success(let plumber):
                guard seen.insert(plumber.externalID).inserted else { reject("plumber_id \(plumber.externalID) appears twice"); continue }
                result.plumbers.append(plumber)
            case .failure(let error):
                reject(error.reason)
            }
        }
        return result
    }

    struct RowError: Error {
        var reason: String
    }

    static func plumber(from row: [String: String]) -> Swift.Result<Plumber, RowError> {
        func list(_ key: String) -> [String] {
            (row[key] ?? "").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" }).map(String.init)
        }
        guard let id = row["plumber_id"], !id.isEmpty else { return .failure(RowError(reason: "plumber_id is empty")) }
        guard let name = row["business_name"], !name.isEmpty else { return .failure(RowError(reason: "business_name is empty")) }
        guard case .valid(let email) = EmailValidator.validate(row["email"] ?? "") else {
            return .failure(RowError(reason: "email is not a valid address"))
        }
        guard case .valid(let mobile, _) = PhoneNormalizer.normalize(row["mobile"] ?? "") else {
            return .failure(RowError(reason: "mobile is not a valid North American number"))
        }
        let zips = list("zips")
        guard !zips.isEmpty, zips.allSatisfy({ $0.count == 5 && $0.allSatisfy(\.isNumber) }) else {
            return .failure(RowError(reason: "zips must be five-digit ZIP codes"))
        }
        var services = Set<ServiceType>()
        for text in list("services") {
            guard let service = ServiceType(rawValue: text.lowercased()) else {
                return .failure(RowError(reason: "unknown service \"\(text)\" (known: \(ServiceType.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            services.insert(service)
        }
        guard !services.isEmpty else { return .failure(RowError(reason: "services is empty")) }
        guard let cap = Int(row["daily_cap"] ?? ""), cap >= 0 else { return .failure(RowError(reason: "daily_cap must be a whole number")) }
        let status = (row["status"] ?? "").lowercased()
        guard status == "active" || status == "paused" else { return .failure(RowError(reason: "status must be active or paused")) }
        return .success(Plumber(
            externalID: id, businessName: name, email: email, mobile: mobile, zips: Set(zips), services: services,
            dailyCap: cap, active: status == "active"))
    }
}
