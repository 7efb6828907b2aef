import Foundation

/// A message channel that needs no account: emails become `.eml` files under `emails/`, text messages
/// lines of JSON in `sms.jsonl`. Sending a key that was already sent does nothing, so it is idempotent.
public struct FileOutbox: MessageChannel {
    public let root: URL
    /// Timestamp written into the `Date:` header (a parameter so output is reproducible).
    public let clock: @Sendable () -> Date

    public init(root: URL, clock: @escaping @Sendable () -> Date = Date.init) {
        self.root = root
        self.clock = clock
    }

    public var isIdempotent: Bool { true }

    public func send(_ email: OutgoingEmail, key: String) async throws {
        let folder = root.appendingPathComponent("emails", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(Self.fileName(key) + ".eml")
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        let message = MIMEMessage.render(email, messageID: "\(key)@plumberleads.local", date: clock())
        try Data(message.utf8).write(to: file, options: .atomic)
    }

    public func send(_ sms: OutgoingSMS, key: String) async throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("sms.jsonl")
        if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: nil) }
        var data = try Data(contentsOf: file)
        if let last = data.last, last != 0x0A {
            // A crash mid-append left a torn line: drop it, it was never acknowledged.
            data = data.lastIndex(of: 0x0A).map { Data(data[...$0]) } ?? Data()
            try data.write(to: file, options: .atomic)
        }
        let sent = data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Line.self, from: Data($0)) }
        guard !sent.contains(where: { $0.key == key }) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var line = try encoder.encode(Line(key: key, to: sms.to, body: sms.body, at: ISO8601DateFormatter().string(from: clock())))
        line.append(0x0A)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
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
