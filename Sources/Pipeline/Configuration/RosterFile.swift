import Enrich
import Foundation
import Ingest
import LeadModel

/// Reads a plumber roster CSV. Required columns: `plumber_id, business_name, email, mobile, zips, services,
/// daily_cap, status`; optional ones (a blank cell takes the default): `base_zip, radius_miles` (an area
/// around a ZIP, besides the list), `hours` (`mon-fri 07:00-18:00; sat 08:00-12:00`, `24/7`), `time_zone`
/// (default America/Chicago), `weekly_cap`, `monthly_budget` (dollars; hard), `plan` (`per_lead`, or
/// `subscription` with `included_leads` and `overage_price`), `shared` (`yes`: also takes shared leads),
/// `tier` (1 first), `stripe_customer`, `stripe_payment_method`. Lists are separated by spaces or
/// semicolons; status is `active` or `paused`. Each bad row is rejected with its line and reason.
public enum RosterFile {
    public static let columns = ["plumber_id", "business_name", "email", "mobile", "zips", "services", "daily_cap", "status"]
    public static let optionalColumns = [
        "base_zip", "radius_miles", "hours", "time_zone", "weekly_cap", "monthly_budget", "plan", "included_leads", "overage_price",
        "shared", "tier", "stripe_customer", "stripe_payment_method", "alert_hours", "sms_consent_at", "sms_consent_source",
        "sms_consent_version", "sms_consent_revoked_at",
    ]

    /// The plumbers read and the rows that could not be used.
    public struct Result: Sendable {
        public var plumbers: [Plumber]
        public var rejected: [RejectedRow]
        /// The SMS consent each plumber's row records, by roster id (rows without consent columns: none).
        public var consents: [String: SMSConsent] = [:]
    }

    public static func read(_ url: URL) throws -> Result {
        var csv = try HeaderedCSV(url: url, required: columns, allowed: optionalColumns, emptyDetail: "the roster is empty")
        var result = Result(plumbers: [], rejected: [])
        var seen = Set<String>()
        while let record = try csv.next() {
            let reject = { (reason: String) in result.rejected.append(record.rejected(reason)) }
            guard let row = record.fields else { reject(record.problem ?? "unreadable"); continue }
            switch plumber(from: row) {
            case .success(let plumber):
                guard seen.insert(plumber.externalID).inserted else { reject("plumber_id \(plumber.externalID) appears twice"); continue }
                switch consent(from: row) {
                case .success(let consent): result.consents[plumber.externalID] = consent
                case .failure(let error): reject(error.reason); continue
                }
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
        do {
            return .success(try parse(row))
        } catch {
            return .failure(error)
        }
    }

    static func parse(_ row: [String: String]) throws(RowError) -> Plumber {
        func fail(_ reason: String) -> RowError { RowError(reason: reason) }
        func list(_ key: String) -> [String] {
            (row[key] ?? "").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" }).map(String.init)
        }
        func text(_ key: String) -> String? { row[key].flatMap { $0.isEmpty ? nil : $0 } }
        func count(_ key: String) throws(RowError) -> Int? {
            guard let value = text(key) else { return nil }
            guard let number = Int(value), number >= 0 else { throw fail("\(key) must be a whole number, not \"\(value)\"") }
            return number
        }
        func dollars(_ key: String) throws(RowError) -> Int64? {
            guard let value = text(key) else { return nil }
            guard let money = Money(parsing: value) else { throw fail("\(key) must be an amount in dollars, not \"\(value)\"") }
            return money.cents
        }
        func isZIP(_ zip: String) -> Bool { zip.count == 5 && zip.allSatisfy(\.isNumber) }
        guard let id = text("plumber_id") else { throw fail("plumber_id is empty") }
        guard let name = text("business_name") else { throw fail("business_name is empty") }
        guard case .valid(let email) = EmailValidator.validate(row["email"] ?? "") else { throw fail("email is not a valid address") }
        let mobile: String
        switch PhoneNormalizer.normalize(row["mobile"] ?? "") {
        case .valid(let e164, _): mobile = e164
        case .invalid(let reason): throw fail("mobile is not a valid North American number: \(reason)")
        }
        let zips = list("zips")
        guard zips.allSatisfy(isZIP) else { throw fail("zips must be five-digit ZIP codes") }
        let baseZIP = text("base_zip")
        let radius = try count("radius_miles") ?? 0
        if let baseZIP {
            guard isZIP(baseZIP) else { throw fail("base_zip must be a five-digit ZIP code") }
            guard ZIPDirectory.shipped.entry(baseZIP) != nil else { throw fail("base_zip \(baseZIP) is not in the ZIP directory") }
            guard (1...200).contains(radius) else { throw fail("radius_miles must be 1 to 200 with a base_zip") }
        } else if radius > 0 {
            throw fail("radius_miles needs a base_zip")
        }
        guard !zips.isEmpty || baseZIP != nil else { throw fail("the service area is empty: give zips and/or base_zip with radius_miles") }
        var services = Set<ServiceType>()
        for text in list("services") {
            guard let service = ServiceType(rawValue: text.lowercased()) else {
                throw fail("unknown service \"\(text)\" (known: \(ServiceType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            services.insert(service)
        }
        guard !services.isEmpty else { throw fail("services is empty") }
        let hours: BusinessHours
        do {
            hours = try BusinessHours(parsing: row["hours"] ?? "")
        } catch {
            throw fail(error.description)
        }
        let zone = text("time_zone") ?? Self.zone(mobile: mobile, zips: [baseZIP].compactMap { $0 } + zips.sorted())
        guard TimeZone(identifier: zone) != nil else { throw fail("unknown time_zone \"\(zone)\"") }
        guard let cap = try count("daily_cap") else { throw fail("daily_cap must be a whole number") }
        let weekly = try count("weekly_cap")
        if weekly == 0 { throw fail("weekly_cap 0 would stop every lead: pause the plumber instead (or leave it blank for no weekly cap)") }
        let plan: Plumber.Plan
        switch (text("plan") ?? "per_lead").lowercased() {
        case "per_lead", "pay_per_lead":
            guard text("included_leads") == nil, text("overage_price") == nil else {
                throw fail("included_leads and overage_price are for plan subscription")
            }
            plan = .payPerLead
        case "subscription":
            guard let included = try count("included_leads"), let overage = try dollars("overage_price") else {
                throw fail("plan subscription needs included_leads and overage_price")
            }
            plan = .subscription(included: included, overageCents: overage)
        case let other:
            throw fail("plan must be per_lead or subscription, not \"\(other)\"")
        }
        let shared: Bool
        switch (text("shared") ?? "no").lowercased() {
        case "yes", "true", "shared": shared = true
        case "no", "false", "exclusive": shared = false
        case let other: throw fail("shared must be yes or no, not \"\(other)\"")
        }
        let tier = try count("tier") ?? 1
        guard (1...9).contains(tier) else { throw fail("tier must be 1 to 9") }
        let customer = text("stripe_customer"), method = text("stripe_payment_method")
        if let customer, !customer.hasPrefix("cus_") { throw fail("stripe_customer must be a Stripe customer id (cus_…)") }
        if let method, !method.hasPrefix("pm_") { throw fail("stripe_payment_method must be a Stripe payment method id (pm_…)") }
        if method != nil, customer == nil { throw fail("stripe_payment_method needs the stripe_customer it is saved to") }
        let status = (row["status"] ?? "").lowercased()
        guard status == "active" || status == "paused" else { throw fail("status must be active or paused") }
        let alertHours: BusinessHours
        do {
            alertHours = try BusinessHours(parsing: row["alert_hours"] ?? "")
        } catch {
            throw fail("alert_hours: \(error.detail)")
        }
        return Plumber(
            externalID: id, businessName: name, email: email, mobile: mobile, zips: Set(zips), baseZIP: baseZIP, radiusMiles: radius,
            services: services, hours: hours, timeZone: zone, dailyCap: cap, weeklyCap: weekly, monthlyBudgetCents: try dollars("monthly_budget"),
            plan: plan, acceptsShared: shared, tier: tier, active: status == "active", stripeCustomer: customer, stripePaymentMethod: method,
            alertHours: alertHours)
    }

    /// A plumber's time zone when the roster gives none: the mobile's area code's (when it has one zone),
    /// else the ZIP's, else the business's (America/Chicago).
    static func zone(mobile: String, zips: [String]) -> String {
        if case .valid(_, let area) = PhoneNormalizer.normalize(mobile), area.timeZones.count == 1 { return area.timeZones[0] }
        return zips.lazy.compactMap { ZIPDirectory.shipped.entry($0)?.timeZone }.first ?? "America/Chicago"
    }

    /// The row's SMS consent: `sms_consent_at` (ISO 8601 date or date-time, UTC when no offset) with its
    /// `sms_consent_source` and `sms_consent_version`, and `sms_consent_revoked_at` when revoked. None without them.
    static func consent(from row: [String: String]) -> Swift.Result<SMSConsent?, RowError> {
        func text(_ key: String) -> String? { row[key].flatMap { $0.isEmpty ? nil : $0 } }
        guard let given = text("sms_consent_at") else {
            let stray = ["sms_consent_source", "sms_consent_version", "sms_consent_revoked_at"].filter { text($0) != nil }
            return stray.isEmpty ? .success(nil) : .failure(RowError(reason: "\(stray.joined(separator: ", ")) without sms_consent_at"))
        }
        guard let at = instant(given) else { return .failure(RowError(reason: "sms_consent_at must be a date (2026-03-01) or date-time, not \"\(given)\"")) }
        guard let source = text("sms_consent_source"), let version = text("sms_consent_version") else {
            return .failure(RowError(reason: "sms_consent_at needs sms_consent_source (how it was given) and sms_consent_version (the consent text's version)"))
        }
        var revoked: Date?
        if let text = text("sms_consent_revoked_at") {
            guard let date = instant(text), date >= at else {
                return .failure(RowError(reason: "sms_consent_revoked_at must be a date or date-time on or after sms_consent_at"))
            }
            revoked = date
        }
        return .success(SMSConsent(consentedAt: at, source: source, textVersion: version, revokedAt: revoked))
    }

    static func instant(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
