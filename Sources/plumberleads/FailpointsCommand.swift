import LeadModel
import ArgumentParser
import Pipeline

/// `plumberleads failpoints`: lists the crash points `PLUMBERLEADS_FAILPOINT` accepts.
struct FailpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failpoints", abstract: "List the failpoints PLUMBERLEADS_FAILPOINT accepts (for crash tests).")

    func run() {
        for name in Failpoints.all { print(name) }
    }
}
