import Foundation
import PrivateFiles

/// A message that could not be written to the file outbox (the disk is full, the folder unwritable…).
public struct OutboxError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var errno: Int32

    public init(file: String, errno: Int32) {
        self.file = file
        self.errno = errno
    }

    init(_ error: PrivateFileError) {
        self.init(file: error.file, errno: error.errno)
    }

    public var description: String { "cannot write \(file) in the outbox: \(String(cString: strerror(errno)))" }
}
