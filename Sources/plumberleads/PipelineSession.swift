import Foundation
import LeadModel
import Logging
import Pipeline
import Store

/// Wires a pipeline run from the command line: local services, failpoints from the environment, progress.
struct PipelineSession {
    var settings: Settings
    var logger: Logger

    func run(definition: PipelineDefinition, date: BusinessDate, rerun: StageName?, database: Database, cipher: PIICipher) async throws -> PipelineRunner.Outcome {
        let services = try await PipelineServices.local(settings: settings, definition: definition, cipher: cipher)
        let runner = PipelineRunner(
            definition: definition, database: database, services: services, failpoints: try Failpoints(spec: settings.failpoints),
            logger: logger, progress: Progress())
        return try await runner.run(date: date, rerun: rerun)
    }
}
