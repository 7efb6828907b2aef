import ArgumentParser
import Billing
import Foundation
import Logging
import Pipeline
import ReportServer

/// `plumberleads serve`: the read-only report server on the database the pipeline writes.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the campaign reports to admins and their leads to plumbers (log in with an account from `plumberleads users`).")

    @Option(help: "The address to listen on (put a TLS proxy in front for anything but this machine).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The pipeline file (for the templates folder and the public URL of the links).")
    var pipeline = "pipelines/daily.yml"

    @Option(help: "Database connections the server may hold.")
    var connections = 10

    @Option(name: .customLong("trusted-proxy"), help: "A proxy's address whose X-Forwarded-For names the client (repeatable; e.g. 127.0.0.1 behind nginx).")
    var trustedProxies: [String] = []

    func run() async throws {
        try await CommandSupport.run { command in
            let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
            let (url, cipher) = try await command.withSession(keys: .required) { session in (session.databaseURL, try session.piiCipher) }
            print("Serving on http://\(host):\(port) (log in with an account from `plumberleads users`; Ctrl-C stops)")
            try await ReportServerApp.serve(
                url: url, cipher: cipher, templates: command.settings.templatesFolder(for: definition),
                publicURL: definition.publicURL ?? URL(string: "http://\(host):\(port)")!,
                returnReasons: definition.returnRules?.reasons ?? [:], host: host, port: port, connections: connections,
                trustedProxies: Set(trustedProxies), logger: command.logger)
        }
    }
}
