/// A credential read from the environment (an API key, an auth token). It prints, logs and dumps as
/// `<secret>`; the value is reached only through `exposed`, at the one place a request needs it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The value itself, for the `Authorization` header and nothing else.
    public var exposed: String { value }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
