import LeadModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a path cannot be read as a file, in words ops can act on, instead of Foundation's error domains.
public enum ReadableFile {
    /// Opens `url` for reading and returns the descriptor; throws `IngestError(.unreadable)` saying
    /// whether it is missing, a folder, or not permitted.
    public static func open(_ url: URL) throws -> Int32 {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw failure(url, errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw IngestError(.unreadable, file: url.lastPathComponent, detail: "\(url.path) is a folder, not a file")
        }
        let fd = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(url, errno) }
        return fd
    }

    /// The whole of a small text file (a pipeline or rules file) as UTF-8: a clear reason when it is
    /// missing, a folder, unreadable, or not UTF-8 text.
    public static func text(_ url: URL) throws -> String {
        let handle = FileHandle(fileDescriptor: try open(url), closeOnDealloc: true)
        let data = try handle.readToEnd() ?? Data()
        guard let text = String(validating: [UInt8](data), as: UTF8.self), !data.contains(0) else {
            throw IngestError(.invalidEncoding, file: url.lastPathComponent, detail: "\(url.path) is not UTF-8 text (a binary file?)")
        }
        return text
    }

    static func failure(_ url: URL, _ code: Int32) -> IngestError {
        let why = switch code {
        case ENOENT: "does not exist"
        case EACCES, EPERM: "cannot be read: permission denied"
        default: "cannot be read: \(String(cString: strerror(code)))"
        }
        return IngestError(.unreadable, file: url.lastPathComponent, detail: "\(url.path) \(why)")
    }
}
