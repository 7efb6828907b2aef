import Foundation
import LeadModel

/// The PII cipher's keys: from the environment, else from key files in the home folder (`pii.key`,
/// `index.key`, 0600), which the demo creates when they are missing.
public struct LocalKeys: Sendable {
    /// The home folder holding the key files.
    public var home: URL
    /// `PLUMBERLEADS_PII_KEY`: base64 32-byte key encrypting personal data. Never logged.
    public var piiKey: Secret?
    /// `PLUMBERLEADS_PII_OLD_KEYS`: older keys, for values written before a rotation. Never logged.
    public var oldPIIKeys: [Secret]
    /// `PLUMBERLEADS_INDEX_KEY`: the blind-index key. Never logged.
    public var indexKey: Secret?

    public init(home: URL, piiKey: Secret?, oldPIIKeys: [Secret], indexKey: Secret?) {
        (self.home, self.piiKey, self.oldPIIKeys, self.indexKey) = (home, piiKey, oldPIIKeys, indexKey)
    }

    public var keyFile: URL { home.appendingPathComponent("pii.key") }
    public var indexKeyFile: URL { home.appendingPathComponent("index.key") }

    /// The PII cipher: the encryption key from `PLUMBERLEADS_PII_KEY`, else `pii.key`; the blind-index
    /// key from `PLUMBERLEADS_INDEX_KEY`, else `index.key`, else the encryption key itself (how
    /// indexes were made before the index key had its own setting: a rotation then needs the old key set
    /// as `PLUMBERLEADS_INDEX_KEY`, and a run refuses to start until it is). With `createIfMissing` (the
    /// demo) missing local keys are written (0600); a new index key copies an existing `pii.key`, so
    /// the indexes already stored stay valid.
    public func cipher(createIfMissing: Bool) throws -> (PIICipher, created: Bool) {
        func stored(_ file: URL) -> String? {
            (try? String(contentsOf: file, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        var created = false
        var key = piiKey?.exposed ?? stored(keyFile)
        if key == nil {
            guard createIfMissing else {
                throw StoreError(.missingKey, "set PLUMBERLEADS_PII_KEY (openssl rand -base64 32) or run `plumberleads demo` to create \(keyFile.path)")
            }
            key = try write(PIICipher.generateKey(), to: keyFile)
            created = true
        }
        var index = indexKey?.exposed ?? stored(indexKeyFile)
        if index == nil, createIfMissing, piiKey == nil {
            index = try write(created ? PIICipher.generateKey() : key!, to: indexKeyFile)
        }
        return (try PIICipher(base64Key: key!, oldBase64Keys: oldPIIKeys.map(\.exposed), indexBase64Key: index), created)
    }

    private func write(_ key: String, to file: URL) throws -> String {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.missingKey, "cannot write \(file.path)")
        }
        return key
    }
}
