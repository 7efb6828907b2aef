import Crypto
import Foundation
import LeadModel
import Synchronization

/// Encrypts personal data for storage and computes blind indexes for looking it up.
///
/// Ciphertext layout: version byte (1), key id (4 bytes), AES-GCM nonce (12), ciphertext, tag (16).
/// The key id travels with every value, so a new key can take over while old values stay readable
/// (`PLUMBERLEADS_PII_OLD_KEYS`). Blind indexes are HMAC-SHA256 under their own key
/// (`PLUMBERLEADS_INDEX_KEY`), so rotating the encryption key never changes them: dedup compares a new
/// lead's indexes with those of leads stored months ago, and a changed index key would silently find
/// no repeat at all.
public struct PIICipher: Sendable {
    private let current: (id: [UInt8], key: SymmetricKey)
    private let decryptionKeys: [[UInt8]: SymmetricKey]
    /// HMAC with the index key already absorbed: each index copies it instead of keying a new one.
    private let indexMAC: HMAC<SHA256>
    /// Names the index key without revealing it (8 hex digits), so a database can record which key its
    /// indexes were made under.
    public let indexKeyID: String
    /// The key digest links are signed with (`SignedLinks`), derived from the blind-index key, which is
    /// never rotated with the PII key, so a rotation does not break the links of digests already sent.
    public let linkKey: Secret
    private let nonces = NonceSequence()

    /// Creates a cipher from 32-byte master keys: `current` encrypts, every key decrypts, `indexKey`
    /// (the current key when nil, as before the index key had its own setting) makes the blind indexes.
    public init(currentKey: SymmetricKey, oldKeys: [SymmetricKey] = [], indexKey: SymmetricKey? = nil) throws {
        guard currentKey.bitCount == 256, oldKeys.allSatisfy({ $0.bitCount == 256 }), indexKey.map({ $0.bitCount == 256 }) ?? true else {
            throw StoreError(.invalidKey, "PII keys must be 32 bytes")
        }
        func derive(_ master: SymmetricKey, _ purpose: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(purpose.utf8), outputByteCount: 32)
        }
        func keyID(_ master: SymmetricKey) -> [UInt8] {
            Array(SHA256.hash(data: derive(master, "plumberleads key id").withUnsafeBytes { Data($0) }).prefix(4))
        }
        current = (keyID(currentKey), derive(currentKey, "plumberleads pii encryption"))
        var keys: [[UInt8]: SymmetricKey] = [:]
        for master in [currentKey] + oldKeys { keys[keyID(master)] = derive(master, "plumberleads pii encryption") }
        decryptionKeys = keys
        let index = derive(indexKey ?? currentKey, "plumberleads blind index")
        indexMAC = HMAC<SHA256>(key: index)
        indexKeyID = SHA256.hash(data: derive(indexKey ?? currentKey, "plumberleads index key id").withUnsafeBytes { Data($0) })
            .prefix(4).map { String(format: "%02x", $0) }.joined()
        linkKey = Secret(derive(indexKey ?? currentKey, "plumberleads signed links").withUnsafeBytes { Data($0) }.base64EncodedString())
    }

    /// Parses base64 keys as found in the environment.
    public init(base64Key: String, oldBase64Keys: [String] = [], indexBase64Key: String? = nil) throws {
        func decode(_ text: String) throws -> SymmetricKey {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                throw StoreError(.invalidKey, "a PII key must be 32 bytes, base64-encoded (openssl rand -base64 32)")
            }
            return SymmetricKey(data: data)
        }
        try self.init(currentKey: try decode(base64Key), oldKeys: try oldBase64Keys.map(decode), indexKey: try indexBase64Key.map(decode))
    }

    public func encrypt(_ plaintext: String) throws -> Data {
        try encrypt(bytes: Array(plaintext.utf8))
    }

    public func encrypt(_ plaintext: String?) throws -> Data? {
        try plaintext.map { try encrypt($0) }
    }

    /// Encrypts raw bytes (a serialized payload) into the versioned, key-tagged layout.
    public func encrypt(bytes plaintext: [UInt8]) throws -> Data {
        let sealed = try AES.GCM.seal(plaintext, using: current.key, nonce: nonces.next())
        var out = Data(capacity: 1 + 4 + 12 + plaintext.count + 16)
        out.append(1)
        out.append(contentsOf: current.id)
        out.append(contentsOf: sealed.nonce)
        out.append(sealed.ciphertext)
        out.append(sealed.tag)
        return out
    }

    public func decrypt(_ data: Data) throws -> String {
        String(decoding: try decryptBytes(data), as: UTF8.self)
    }

    public func decrypt(_ data: Data?) throws -> String? {
        try data.map { try decrypt($0) }
    }

    /// The plaintext bytes of a value `encrypt` produced, under whichever known key it names.
    public func decryptBytes(_ data: Data) throws -> [UInt8] {
        let bytes = [UInt8](data)
        guard bytes.count >= 1 + 4 + 12 + 16, bytes[0] == 1 else {
            throw StoreError(.decryptionFailed, "not a PII ciphertext")
        }
        guard let key = decryptionKeys[Array(bytes[1..<5])] else {
            throw StoreError(.decryptionFailed, "encrypted under an unknown key id; add the old key to PLUMBERLEADS_PII_OLD_KEYS")
        }
        let box = try AES.GCM.SealedBox(
            nonce: try AES.GCM.Nonce(data: bytes[5..<17]), ciphertext: bytes[17..<(bytes.count - 16)], tag: bytes[(bytes.count - 16)...])
        return Array(try AES.GCM.open(box, using: key))
    }

    /// HMAC-SHA256 of the normalized value: equal inputs give equal indexes, which reveal nothing else.
    public func blindIndex(_ normalized: String) -> Data {
        Data(mac(normalized))
    }

    /// A 64-bit blind index (the first 8 bytes of the HMAC) for keys that are only ever compared for
    /// equality in bulk, where a rare collision costs one extra comparison, never a wrong answer.
    public func blindKey(_ normalized: String) -> Int64 {
        mac(normalized).withUnsafeBytes { bytes in
            var value: UInt64 = 0
            for byte in bytes.prefix(8) { value = value << 8 | UInt64(byte) }
            return Int64(bitPattern: value)
        }
    }

    private func mac(_ text: String) -> HashedAuthenticationCode<SHA256> {
        var mac = indexMAC
        var text = text
        text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize()
    }

    /// A fresh random key, base64-encoded, for `var/pii.key`.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }
}

/// AES-GCM nonces as NIST SP 800-38D §8.2.1 builds them: a random 8-byte field fixed for this process
/// followed by a 4-byte counter, so no nonce repeats under one key without a system call per value.
/// The random field is drawn again before the counter could wrap.
final class NonceSequence: Sendable {
    private let state = Mutex<(fixed: [UInt8], counter: UInt32)>((NonceSequence.randomField(), 0))

    func next() -> AES.GCM.Nonce {
        let bytes = state.withLock { state -> [UInt8] in
            if state.counter == .max { state = (Self.randomField(), 0) }
            state.counter += 1
            let counter = state.counter
            return state.fixed + [UInt8(counter >> 24), UInt8(counter >> 16 & 0xFF), UInt8(counter >> 8 & 0xFF), UInt8(counter & 0xFF)]
        }
        // Twelve bytes always make a valid nonce.
        return try! AES.GCM.Nonce(data: bytes)
    }

    private static func randomField() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
