import Foundation

/// Temporary folders and files for tests, and the repository's own folders.
public enum TestFiles {
    /// A new empty folder under the system temporary directory.
    public static func folder(_ label: String = "t") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` to a new file named `name` in a new folder.
    public static func file(_ name: String, _ contents: String) throws -> URL {
        try file(name, Data(contents.utf8))
    }

    public static func file(_ name: String, _ contents: Data) throws -> URL {
        let url = try folder().appendingPathComponent(name)
        try contents.write(to: url)
        return url
    }

    /// The package root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()
}
