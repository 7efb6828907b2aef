import Foundation
import LeadModel
import Logging
import Pipeline
import Store

/// Wires a pipeline run from the command line: local services, failpoints from the environment, progress.
struct PipelineSession {
    var settings: Settings
    var logger: Logger

    func ingest(files: [URL], definition: PipelineDefinition, date: BusinessDate, database: Database, cipher: PIICipher) async throws -> (outcomes: [FileOutcome], runAlreadyDone: Bool) {
        try await runner(definition: definition, database: database, cipher: cipher).ingest(files: files, date: date)
    }

    func runner(definition: PipelineDefinition, database: Database, cipher: PIICipher) async throws -> PipelineRunner {
        let services = try await PipelineServices.local(settings: settings, definition: definition, cipher: cipher, logger: logger)
        return PipelineRunner(
            definition: definition, database: database, services: services, failpoints: try Failpoints(spec: settings.failpoints),
            logger: logger, progress: Progress())
    }

    func run(definition: PipelineDefinition, date: BusinessDate, rerun: StageName?, database: Database, cipher: PIICipher) async throws -> PipelineRunner.Outcome {
        try await runner(definition: definition, database: database, cipher: cipher).run(date: date, rerun: rerun)
    }
}
