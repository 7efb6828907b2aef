import Foundation
import Ingest
import Yams

/// Reads a YAML file ops edit under `pipelines/` (a pipeline, classification rules, prices, return
/// rules), turning an unreadable or malformed file into a `DefinitionError` that names the file and
/// what it should be (`what`: "pipeline", "price list").
enum OpsDataFile {
    static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws -> T {
        let text: String
        do {
            text = try ReadableFile.text(url)
        } catch let error as IngestError {
            throw DefinitionError(file: url.path, detail: "cannot use it as a \(what): \(error.detail)")
        }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch {
            throw DefinitionError(file: url.path, detail: "not a valid \(what): \(error)")
        }
    }
}
