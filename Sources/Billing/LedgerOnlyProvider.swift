import Foundation
import LeadModel

/// A payment provider that moves no money: it records each charge in an append-only journal
/// (`var/ledger/payments.jsonl`) and honours idempotency keys the way Stripe does, so the demo and the
/// crash tests can prove that no assignment is ever charged twice.
public actor LedgerOnlyProvider: PaymentProvider {
    /// One journal line.
    struct Entry: Codable {
        var key: String
        var customer: String
        var cents: Int64
        var currency: String
        var reference: String
    }

    public nonisolated let name = "ledger"
    private let journal: URL
    private var entries: [String: Entry] = [:]
    private var loaded = false

    public init(journal: URL) {
        self.journal = journal
    }

    public func charge(_ request: ChargeRequest) async throws -> ChargeOutcome {
        try load()
        if let previous = entries[request.idempotencyKey] {
            guard previous.cents == request.amount.cents, previous.customer == request.customer else {
                throw LedgerError(detail: "idempotency key \(request.idempotencyKey) reused with different parameters")
            }
            return .succeeded(reference: previous.reference)
        }
        let entry = Entry(
            key: request.idempotencyKey, customer: request.customer, cents: request.amount.cents,
            currency: request.amount.currency, reference: "ledger_\(entries.count + 1)")
        var line = try JSONEncoder().encode(entry)
        line.append(0x0A)
        let handle = try FileHandle(forWritingTo: journal)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
        entries[entry.key] = entry
        return .succeeded(reference: entry.reference)
    }

    /// Every idempotency key in the journal, in order, as tests and `ledger` read it.
    public static func keys(in journal: URL) throws -> [String] {
        try readEntries(journal).map(\.key)
    }

    private func load() throws {
        guard !loaded else { return }
        try FileManager.default.createDirectory(at: journal.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: journal.path) {
            FileManager.default.createFile(atPath: journal.path, contents: nil)
        }
        try Self.repairTornTail(journal)
        for entry in try Self.readEntries(journal) { entries[entry.key] = entry }
        loaded = true
    }

    /// A crash mid-append can leave a partial last line; drop it (its charge was never acknowledged).
    static func repairTornTail(_ journal: URL) throws {
        let data = try Data(contentsOf: journal)
        guard let last = data.last, last != 0x0A else { return }
        let keep = data.lastIndex(of: 0x0A).map { data.startIndex...$0 }
        try (keep.map { data[$0] } ?? Data()).write(to: journal, options: .atomic)
    }

    static func readEntries(_ journal: URL) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: journal.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0)) }
    }
}

/// The ledger journal refused a request.
public struct LedgerError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { "ledger: \(detail)" }
}
