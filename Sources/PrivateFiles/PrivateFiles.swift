import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files only this user may read (folders 0700, files 0600), written so that a failure — a full disk,
/// say — throws and leaves no half-written file behind. The outbox holds every sold lead's name,
/// phone, email and street, the payment journal every charge: they are as private as the key file.
public enum PrivateFiles {
    /// Creates `folder` owner-only (its parents as usual: the home must stay enterable by the database
    /// server's user); an existing folder is made owner-only too.
    public static func makeFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
    }

    /// Writes `data` to a temporary file beside `file` (mode 0600), flushes it to disk and renames it
    /// over `file`: readers see the old file or the whole new one.
    public static func write(_ data: Data, to file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        do {
            try writeAll(data, to: fd, file: file)
            guard fsync(fd) == 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
            close(fd)
            guard rename(temporary.path, file.path) == 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
    }

    /// Appends `data` to `file` (created 0600) and flushes it; when the write fails the file is cut
    /// back to its length before, so it never ends in a torn line.
    public static func append(_ data: Data, to file: URL) throws {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        let before = lseek(fd, 0, SEEK_END)
        guard before >= 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        do {
            try writeAll(data, to: fd, file: file)
            guard fsync(fd) == 0 else { throw PrivateFileError(file: file.lastPathComponent, errno: errno) }
        } catch {
            _ = ftruncate(fd, before)
            _ = fsync(fd)
            throw error
        }
    }

    /// The lines of a JSON-lines journal (`file` absent: none). A crash mid-append can leave a torn last
    /// line; it was never acknowledged, so it is cut from the file before anything else is appended.
    public static func lines(of file: URL) throws -> [Data] {
        guard var data = FileManager.default.contents(atPath: file.path) else { return [] }
        if let last = data.last, last != 0x0A {
            data = data.lastIndex(of: 0x0A).map { Data(data[...$0]) } ?? Data()
            try write(data, to: file)
        }
        return data.split(separator: 0x0A).map { Data($0) }
    }

    private static func writeAll(_ data: Data, to fd: Int32, file: URL) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PrivateFileError(file: file.lastPathComponent, errno: errno)
                }
                offset += written
            }
        }
    }
}

/// A private file that could not be written (the disk is full, the folder unwritable…).
public struct PrivateFileError: Error, CustomStringConvertible, Sendable {
    /// The file's name (not its path).
    public var file: String
    public var errno: Int32

    public init(file: String, errno: Int32) {
        self.file = file
        self.errno = errno
    }

    public var description: String { "cannot write \(file): \(String(cString: strerror(errno)))" }
}
