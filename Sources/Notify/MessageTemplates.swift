import Foundation
import LeadModel
import Mustache

/// Renders digests and SMS texts from the Mustache templates under `reports/`.
public struct MessageTemplates: Sendable {
    /// Templates the notify stage needs; start-up fails when one is missing.
    public static let required = ["digest-email.html", "digest-email.txt", "urgent-sms.txt", "admin-summary.txt", "admin-summary.html"]

    private let library: MustacheLibrary
    public var sender: String

    /// Loads `*.mustache` from `directory` and checks the required templates exist.
    public init(directory: URL, sender: String) async throws {
        // swift-mustache reads a missing folder as an empty library: say what is wrong instead.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw TemplateError(detail: "the templates folder \(directory.path) does not exist (set PLUMBERLEADS_TEMPLATES, or keep reports/ beside pipelines/)")
        }
        let library = try await MustacheLibrary(directory: directory.path)
        self.library = library
        self.sender = sender
        let missing = Self.required.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw TemplateError(detail: "missing template(s) \(missing.map { $0 + ".mustache" }.joined(separator: ", ")) in \(directory.path)")
        }
    }

    /// The digest as an email; with its compliance, the unsubscribe headers mailbox providers require
    /// (`List-Unsubscribe` with the https link, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`).
    public func email(for digest: Digest) -> OutgoingEmail {
        let context = Self.context(digest)
        var headers: [String: String] = [:]
        if let compliance = digest.compliance {
            headers["List-Unsubscribe"] = "<\(compliance.unsubscribe.absoluteString)>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        }
        return OutgoingEmail(
            from: sender, to: digest.email,
            subject: "\(Self.headline(digest)) — \(digest.date)\(digest.isFollowUp ? " (follow-up)" : "")",
            text: library.render(context, withTemplate: "digest-email.txt") ?? "",
            html: library.render(context, withTemplate: "digest-email.html") ?? "", headers: headers)
    }

    /// The day's summary to one admin.
    public func email(for summary: AdminSummary, to admin: String) -> OutgoingEmail {
        let context: [String: Any] = [
            "date": summary.day.description, "leadsIn": summary.leadsIn, "sold": summary.sold, "unsold": summary.unsold,
            "revenue": summary.revenue.description, "credits": summary.credits, "credited": summary.credited.description,
            "unsoldReasons": summary.unsoldReasons.map { ["reason": $0.text, "count": $0.count] }, "hasUnsold": !summary.unsoldReasons.isEmpty,
            "failed": summary.failedMessages.map { ["reason": $0.text] }, "hasFailed": !summary.failedMessages.isEmpty,
            "maybeSent": summary.maybeSent, "hasMaybeSent": summary.maybeSent > 0,
            "hasUnsubscribed": !summary.unsubscribed.isEmpty, "unsubscribed": summary.unsubscribed.joined(separator: ", "),
        ]
        return OutgoingEmail(
            from: sender, to: admin, subject: "PlumberLeads \(summary.day): \(summary.sold) sold, \(summary.revenue)",
            text: library.render(context, withTemplate: "admin-summary.txt") ?? "", html: library.render(context, withTemplate: "admin-summary.html") ?? "",
            category: "admin-summary")
    }

    public func sms(for item: Digest.Item, to mobile: String) -> OutgoingSMS {
        let body = library.render(Self.itemContext(item), withTemplate: "urgent-sms.txt") ?? ""
        return OutgoingSMS(to: mobile, body: body.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func context(_ digest: Digest) -> [String: Any] {
        [
            "businessName": digest.businessName,
            "date": digest.date.description,
            "count": digest.items.count,
            "headline": headline(digest),
            "followUp": digest.isFollowUp,
            "total": digest.total.description,
            "hasItems": !digest.items.isEmpty,
            "items": digest.items.map(itemContext),
            "hasCredits": !digest.credits.isEmpty,
            "creditTotal": digest.creditTotal.description,
            "credits": digest.credits.map(creditContext),
            "hasCompliance": digest.compliance != nil,
            "postalAddress": digest.compliance?.postalAddress ?? "",
            "unsubscribe": digest.compliance?.unsubscribe.absoluteString ?? "",
        ]
    }

    /// `3 new leads for Acme Plumbing`; a follow-up says `2 more leads …`; a digest of credits alone
    /// says `1 credit for Acme Plumbing`.
    static func headline(_ digest: Digest) -> String {
        let count = digest.items.count
        guard count > 0 else {
            return "\(digest.credits.count) credit\(digest.credits.count == 1 ? "" : "s") for \(digest.businessName)"
        }
        return "\(count) \(digest.isFollowUp ? "more" : "new") lead\(count == 1 ? "" : "s") for \(digest.businessName)"
    }

    static func creditContext(_ credit: Digest.Credit) -> [String: Any] {
        [
            "leadID": credit.leadID,
            "date": credit.date.description,
            "amount": credit.amount.description,
            "given": credit.refunded ? "refunded to your card" : "given back to your plan",
            "reason": credit.reason.prefix(1).uppercased() + credit.reason.dropFirst(),
        ]
    }

    static func itemContext(_ item: Digest.Item) -> [String: Any] {
        [
            "leadID": item.leadID,
            "name": item.name,
            "phone": item.phone,
            "phoneDisplay": ContactLinks.phoneDisplay(item.phone),
            "email": item.email ?? "",
            "hasEmail": item.email != nil,
            "address": item.address,
            "service": item.service.label,
            "urgency": item.urgency.rawValue,
            "emergency": item.urgency == .emergency,
            "price": item.price.description,
            "quality": item.quality,
            "qualityReasons": item.qualityReasons.joined(separator: "; "),
            "hasQualityReasons": !item.qualityReasons.isEmpty,
            "request": item.request ?? "",
            "hasRequest": item.request != nil,
            "wanted": item.wanted ?? "",
            "hasWanted": item.wanted != nil,
            "tel": "tel:" + item.phone,
            "map": ContactLinks.map(item.address),
            "hasActions": !item.actions.isEmpty,
            "actions": item.actions.map { ["label": $0.label, "url": $0.url.absoluteString] },
        ]
    }
}

/// A template folder that is missing or incomplete.
public struct TemplateError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { "templates: \(detail)" }
}
