import Foundation
import LeadModel
import PrivateFiles

/// A payment provider that moves no money: it records each charge, usage event and refund in an
/// append-only journal (`var/ledger/payments.jsonl`) and honours idempotency keys the way Stripe does,
/// so the demo and the crash tests can prove that nothing is ever charged twice. Stripe's test payment
/// methods decline here as they do in Stripe's test mode (`pm_card_chargeDeclinedInsufficientFunds`,
/// `pm_card_authenticationRequired`, …), so declines can be tried without an account.
public actor LedgerOnlyProvider: PaymentProvider {
    /// One journal line.
    struct Entry: Codable {
        /// `charge`, `usage` or `refund` (absent in journals written before usage and refunds existed).
        var kind: String?
        var key: String
        var customer: String
        var cents: Int64
        var currency: String
        var reference: String
        var declined: String?
        var assignment: String?
    }

    /// Stripe's documented test payment methods that fail, and the reason Stripe gives.
    static let failingTestCards = [
        "pm_card_chargeDeclined": "card_declined: generic_decline",
        "pm_card_chargeDeclinedInsufficientFunds": "card_declined: insufficient_funds",
        "pm_card_chargeDeclinedExpiredCard": "expired_card",
        "pm_card_authenticationRequired": "authentication_required",
    ]

    public nonisolated let name = "ledger"
    private let journal: URL
    private var entries: [String: Entry] = [:]
    private var loaded = false

    public init(journal: URL) {
        self.journal = journal
    }

    public func charge(_ request: ChargeRequest) async throws -> ChargeOutcome {
        let entry = try record(Entry(
            kind: "charge", key: request.idempotencyKey, customer: request.customer, cents: request.amount.cents,
            currency: request.amount.currency, reference: Self.reference(request.idempotencyKey), declined: Self.failingTestCards[request.paymentMethod],
            assignment: request.metadata["assignment_id"]))
        return Self.outcome(entry)
    }

    public func findCharge(assignmentID: String) async throws -> ChargeOutcome? {
        try load()
        return entries.values.filter { $0.kind == "charge" && $0.assignment == assignmentID }.min { $0.reference < $1.reference }.map(Self.outcome)
    }

    public func reportUsage(_ event: UsageEvent) async throws -> String {
        try record(Entry(
            kind: "usage", key: event.identifier, customer: event.customer, cents: Int64(event.value), currency: "",
            reference: Self.reference(event.identifier))).reference
    }

    public func refund(_ request: RefundRequest) async throws -> String {
        try record(Entry(
            kind: "refund", key: request.idempotencyKey, customer: request.chargeReference, cents: request.amount.cents,
            currency: request.amount.currency, reference: Self.reference(request.idempotencyKey))).reference
    }

    public func cancelUsage(identifier: String, customer: String) async throws -> String {
        try record(Entry(
            kind: "usage-cancel", key: "cancel-" + identifier, customer: customer, cents: 0, currency: "", reference: Self.reference("cancel-" + identifier))).reference
    }

    /// Every idempotency key of `kind` in the journal, in order, as tests read it.
    public static func keys(in journal: URL, kind: String = "charge") throws -> [String] {
        try readEntries(journal).filter { ($0.kind ?? "charge") == kind }.map(\.key)
    }

    /// The journal's reference for a request: named for its idempotency key, so it is unique per charge
    /// (and the same when a request is replayed), whichever process made it.
    static func reference(_ key: String) -> String { "ledger_" + key }

    static func outcome(_ entry: Entry) -> ChargeOutcome {
        entry.declined.map { .declined(reference: entry.reference, reason: $0) } ?? .succeeded(reference: entry.reference)
    }

    /// Appends `entry` unless its key is known; returns what the journal holds for the key.
    private func record(_ entry: Entry) throws -> Entry {
        try load()
        if let previous = entries[entry.key] {
            guard previous.cents == entry.cents, previous.customer == entry.customer, previous.kind ?? "charge" == entry.kind else {
                throw LedgerError(detail: "idempotency key \(entry.key) reused with different parameters")
            }
            return previous
        }
        var line = try JSONEncoder().encode(entry)
        line.append(0x0A)
        try PrivateFiles.append(line, to: journal)
        entries[entry.key] = entry
        return entry
    }

    private func load() throws {
        guard !loaded else { return }
        // Private like the rest of the home's records: folder 0700, journal 0600 (its parents as usual).
        try PrivateFiles.makeFolder(journal.deletingLastPathComponent())
        if FileManager.default.fileExists(atPath: journal.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: journal.path)
        }
        for entry in try Self.readEntries(journal) { entries[entry.key] = entry }
        loaded = true
    }

    /// The journal's entries; a torn last line (a crash mid-append, never acknowledged) is cut off.
    static func readEntries(_ journal: URL) throws -> [Entry] {
        try PrivateFiles.lines(of: journal).compactMap { try? JSONDecoder().decode(Entry.self, from: $0) }
    }
}

/// The ledger journal refused a request.
public struct LedgerError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { "ledger: \(detail)" }
}
