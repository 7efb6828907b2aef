import Foundation
/// A storage failure with what was being done; never carries row data or secrets.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case postgresNotFound = "postgres_not_found"
        case clusterFailed = "cluster_failed"
        case invalidURL = "invalid_url"
        case migrationFailed = "migration_failed"
        case missingKey = "missing_key"
        case invalidKey = "invalid_key"
        case decryptionFailed = "decryption_failed"
        case locked
        /// A row holds a value no enum of the code knows (a CHECK and an enum that disagree).
        case unexpectedValue = "unexpected_value"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
