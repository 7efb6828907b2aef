import Foundation
import PrivateFiles

/// A message channel that needs no account: emails become `.eml` files under `emails/`, text messages
/// lines of JSON in `sms.jsonl`. Sending a key that was already sent does nothing, so it is idempotent.
/// Folders are 0700 and files 0600 (they hold the leads' personal data); a write that fails throws and
/// leaves every file whole.
public struct FileOutbox: EmailChannel, SMSChannel {
    public let root: URL
    /// Timestamp written into the `Date:` header (a parameter so output is reproducible).
    public let clock: @Sendable () -> Date

    public init(root: URL, clock: @escaping @Sendable () -> Date = Date.init) {
        self.root = root
        self.clock = clock
    }

    public var deduplicatesByKey: Bool { true }

    public func send(_ email: OutgoingEmail, key: String) async throws -> DeliveryOutcome {
        try Self.outbox { try write(email, key: key) }
        return .sent(reference: nil)
    }

    public func send(_ sms: OutgoingSMS, key: String) async throws -> DeliveryOutcome {
        try Self.outbox { try append(sms, key: key) }
        return .sent(reference: nil)
    }

    /// Runs `body`, reporting a file that cannot be written as the outbox's error.
    private static func outbox(_ body: () throws -> Void) throws {
        do { try body() } catch let error as PrivateFileError { throw OutboxError(error) }
    }

    private func write(_ email: OutgoingEmail, key: String) throws {
        let folder = root.appendingPathComponent("emails", isDirectory: true)
        try PrivateFiles.makeFolder(root)
        try PrivateFiles.makeFolder(folder)
        let file = folder.appendingPathComponent(Self.fileName(key) + ".eml")
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        let message = MIMEMessage.render(email, messageID: "\(key)@plumberleads.local", date: clock())
        try PrivateFiles.write(Data(message.utf8), to: file)
    }

    private func append(_ sms: OutgoingSMS, key: String) throws {
        try PrivateFiles.makeFolder(root)
        let file = root.appendingPathComponent("sms.jsonl")
        let sent = try PrivateFiles.lines(of: file).compactMap { try? JSONDecoder().decode(Line.self, from: $0) }
        guard !sent.contains(where: { $0.key == key }) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var line = try encoder.encode(Line(key: key, to: sms.to, body: sms.body, at: ISO8601DateFormatter().string(from: clock())))
        line.append(0x0A)
        try PrivateFiles.append(line, to: file)
    }

    struct Line: Codable {
        var key: String
        var to: String
        var body: String
        var at: String
    }

    static func fileName(_ key: String) -> String {
        String(key.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
