import Foundation
/// The ad platform a lead or a spend row came from.
public enum Platform: String, Sendable, Codable, CaseIterable, Hashable {
    case meta
    case google
}
