import ArgumentParser
import Foundation
import Pipeline
import Reports

/// `plumberleads trace LEAD`: one lead's way through the pipeline, with every stored reason.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Show what happened to one lead: source file and line, enrich findings and quality, the dedup decision and its evidence, the match and the charge.")

    @Argument(help: "Our lead id, or the platform's lead id.")
    var lead: String

    func run() async throws {
        try await CommandSupport.run { command in
            let trace = try await command.withSession(keys: .notNeeded) { try await $0.trace(lead) }
            guard let trace else { throw ValidationError("no lead \(lead) (give our lead id or the platform's lead id)") }
            print(trace.text)
        }
    }
}
