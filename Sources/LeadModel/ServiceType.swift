import Foundation
/// The plumbing job a lead asks for.
public enum ServiceType: String, Sendable, Codable, CaseIterable, Hashable {
    case leak
    case clog
    case waterHeater = "water_heater"
    case burstPipe = "burst_pipe"
    case sewer
    case toilet
    case installation
    case other

    /// A label fit for a plumber's digest.
    public var label: String {
        switch self {
        case .leak: "Leak"
        case .clog: "Clog / drain"
        case .waterHeater: "Water heater"
        case .burstPipe: "Burst pipe"
        case .sewer: "Sewer line"
        case .toilet: "Toilet"
        case .installation: "Installation"
        case .other: "Other plumbing"
        }
    }
}

/// How soon the customer needs a plumber.
public enum Urgency: String, Sendable, Codable, CaseIterable, Hashable {
    case emergency
    case soon
    case flexible
}
