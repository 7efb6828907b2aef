#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Standard output as the commands use it.
enum StandardOutput {
    /// Line-buffers stdout so it interleaves with progress and logs on stderr in the order they happen.
    static func lineBuffered() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
