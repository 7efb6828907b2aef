import Pipeline
import ArgumentParser
import Foundation
import LeadModel
import Synthetic

/// `plumberleads fixtures`: regenerates the synthetic exports under fixtures/inbox/.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures", abstract: "Write a synthetic day of exports (no real people) for demos and tests.")

    @Option(help: "The business date, YYYY-MM-DD.")
    var date = "2026-11-24"

    @Option(help: "The folder to write into.")
    var out = "fixtures/inbox/2026-11-24"

    @Option(help: "Meta leads to generate.")
    var meta = 180

    @Option(help: "Google leads to generate.")
    var google = 120

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    func run() async throws {
        let day = try BusinessDate(parsing: date)
        let files = try SyntheticDay(date: day, metaLeads: meta, googleLeads: google, seed: seed).write(to: URL(fileURLWithPath: out))
        print("wrote \(files.joined(separator: ", ")) to \(out)")
    }
}
