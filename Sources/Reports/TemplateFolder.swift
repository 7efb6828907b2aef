import Foundation
import Mustache

/// A folder of Mustache templates, loaded only when it exists and holds every template asked for
/// (swift-mustache reads a missing folder as an empty library and renders nothing).
enum TemplateFolder {
    static func load(_ directory: URL, requiring names: [String]) async throws -> MustacheLibrary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportTemplateError(detail: "the templates folder \(directory.path) does not exist (set PLUMBERLEADS_TEMPLATES, or keep reports/ beside pipelines/)")
        }
        let library = try await MustacheLibrary(directory: directory.path)
        let missing = names.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw ReportTemplateError(detail: "missing template(s) \(missing.map { $0 + ".mustache" }.joined(separator: ", ")) in \(directory.path)")
        }
        return library
    }
}
