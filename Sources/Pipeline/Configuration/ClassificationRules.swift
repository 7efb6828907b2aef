import Enrich
import Foundation
import LeadModel

/// Loads the service and urgency rules ops keep in `pipelines/classification.yml`.
enum ClassificationRules {
    struct File: Decodable {
        struct Rule: Decodable {
            var service: String
            var keywords: [String]
        }
        struct Urgency: Decodable {
            var alwaysEmergency: [String]?
            var emergency: [String]
            var soon: [String]
            enum CodingKeys: String, CodingKey {
                case emergency, soon
                case alwaysEmergency = "always_emergency"
            }
        }
        var services: [Rule]
        var urgency: Urgency
    }

    static func load(_ url: URL) throws -> ServiceClassifier {
        func fail(_ detail: String) -> DefinitionError { DefinitionError(file: url.path, detail: detail) }
        let file = try OpsDataFile.decode(File.self, from: url, what: "classification rules file")
        func service(_ name: String) throws -> ServiceType {
            guard let service = ServiceType(rawValue: name) else {
                throw fail("unknown service \"\(name)\" (known: \(ServiceType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return service
        }
        let rules = try file.services.map { rule in
            let keywords = rule.keywords.map { $0.lowercased() }.filter { !$0.isEmpty }
            guard !keywords.isEmpty else { throw fail("the rule for \(rule.service) has no keywords") }
            return ServiceClassifier.Rule(service: try service(rule.service), keywords: keywords)
        }
        return ServiceClassifier(
            rules: rules, emergencyKeywords: file.urgency.emergency.map { $0.lowercased() },
            soonKeywords: file.urgency.soon.map { $0.lowercased() },
            alwaysEmergency: Set(try (file.urgency.alwaysEmergency ?? []).map(service)))
    }
}
