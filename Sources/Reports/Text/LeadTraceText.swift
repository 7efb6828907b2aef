import Foundation
import LeadModel

extension LeadTrace {
    /// The lines with their stages in one aligned column, as `plumberleads trace` prints them.
    public var text: String {
        let width = lines.map(\.stage.count).max() ?? 0
        return lines.map { $0.stage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.text }.joined(separator: "\n")
    }
}
