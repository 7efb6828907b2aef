import Foundation
import LeadModel

/// Classifies the job and its urgency from the form's answers and free text by ordered keyword rules.
public struct ServiceClassifier: Sendable {
    /// One rule: any keyword found in the lower-cased text selects the service.
    public struct Rule: Sendable {
        public var service: ServiceType
        public var keywords: [String]
        public init(service: ServiceType, keywords: [String]) {
            self.service = service
            self.keywords = keywords
        }
    }

    public var rules: [Rule]
    /// Words that make a job an emergency, or one to do soon.
    public var emergencyKeywords: [String]
    public var soonKeywords: [String]
    /// Services that are emergencies whatever the text says.
    public var alwaysEmergency: Set<ServiceType>

    /// The built-in rules (the same as the shipped `pipelines/classification.yml`), most specific first.
    public static let standard = ServiceClassifier(rules: [
        Rule(service: .burstPipe, keywords: ["burst", "broken pipe", "pipe broke", "frozen pipe", "flooding", "flooded"]),
        Rule(service: .waterHeater, keywords: ["water heater", "hot water", "tankless", "heater"]),
        Rule(service: .sewer, keywords: ["sewer", "septic", "main line", "sewage"]),
        Rule(service: .toilet, keywords: ["toilet", "running toilet"]),
        Rule(service: .clog, keywords: ["clog", "drain", "backed up", "backup", "slow drain", "snake"]),
        Rule(service: .leak, keywords: ["leak", "drip", "dripping", "water damage"]),
        Rule(service: .installation, keywords: ["install", "replace", "new faucet", "remodel", "garbage disposal"]),
    ])

    /// Answers that name a service exactly (`water_heater`, `water heater`).
    static let exactNames: [String: ServiceType] = Dictionary(uniqueKeysWithValues: ServiceType.allCases.flatMap { service in
        Set([service.rawValue, service.rawValue.replacingOccurrences(of: "_", with: " ")]).map { ($0, service) }
    })

    public init(
        rules: [Rule], emergencyKeywords: [String] = ["emergency", "asap", "right away", "immediately", "now", "today", "urgent"],
        soonKeywords: [String] = ["this week", "soon", "tomorrow", "next few days", "within"], alwaysEmergency: Set<ServiceType> = [.burstPipe]
    ) {
        self.rules = rules
        self.emergencyKeywords = emergencyKeywords
        self.soonKeywords = soonKeywords
        self.alwaysEmergency = alwaysEmergency
    }

    /// The service named by `answer` (checked first) or found in `details`; `.other` when nothing more
    /// specific matches (an answer of "Other" lets the free text decide).
    public func service(answer: String?, details: String?) -> ServiceType {
        for text in [answer, details].compactMap({ $0?.lowercased() }) {
            if let exact = Self.exactNames[text], exact != .other { return exact }
            for rule in rules where rule.keywords.contains(where: { FastText.contains(text, $0) }) { return rule.service }
        }
        return .other
    }

    /// Emergency for an always-emergency service or an emergency keyword ("asap", "now"); soon for a soon
    /// keyword ("this week"); else flexible.
    public func urgency(answer: String?, details: String?, service: ServiceType) -> Urgency {
        let text = [answer, details].compactMap { $0?.lowercased() }.joined(separator: " ")
        if alwaysEmergency.contains(service) || emergencyKeywords.contains(where: { FastText.contains(text, $0) }) {
            return .emergency
        }
        if soonKeywords.contains(where: { FastText.contains(text, $0) }) { return .soon }
        return .flexible
    }
}
