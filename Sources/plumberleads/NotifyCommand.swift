import ArgumentParser
import Foundation
import LeadModel
import Pipeline
import Reports

/// `plumberleads notify …`: the messages whose send may or may not have happened, and ops' decision.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Review messages that may have been sent (SendGrid and Twilio cannot be asked twice).",
        subcommands: [MaybeSent.self, Resolve.self, Replies.self])

    struct Replies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply STOP and START replies from a CSV (from, body, received_at; optional reference); exits 65 if a row was rejected.")

        @Argument(help: "The replies CSV.")
        var file: String

        func run() async throws {
            try await CommandSupport.run { command in
                let outcome = try await command.withSession { try await $0.importReplies(URL(fileURLWithPath: file)) }
                for row in outcome.rejected { CommandSupport.printError("\(file):\(row.line): \(row.reason)") }
                print("\(outcome.applied) applied, \(outcome.ignored) ignored (no keyword, no plumber's mobile, or applied before), \(outcome.rejected.count) rejected")
                if !outcome.rejected.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct MaybeSent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maybe-sent", abstract: "List messages interrupted or answered ambiguously; they are never re-sent by themselves.")

        func run() async throws {
            try await CommandSupport.run { command in
                let messages = try await command.withSession(keys: .notNeeded) { try await $0.maybeSent() }
                if messages.isEmpty { print("no message is waiting for a decision"); return }
                var rows = [["ID", "DAY", "CHANNEL", "KEY", "PLUMBER", "TRIES", "WHY"]]
                for m in messages {
                    rows.append([String(m.id), m.day, m.channel.rawValue, m.key.rawValue, m.plumber, String(m.attempts), m.reason ?? "-"])
                }
                print(TextTable.render(rows))
                print("decide each with `plumberleads notify resolve ID sent` (it arrived) or `… resend` (send it again)")
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide a maybe-sent message: it arrived (sent), or send it again (resend).")

        enum Decision: String, ExpressibleByArgument, CaseIterable { case sent, resend }

        @Argument(help: "The message id (plumberleads notify maybe-sent).")
        var id: Int64

        @Argument(help: "sent (the recipient got it) or resend (send it again on the day's next notify run).")
        var decision: Decision

        func run() async throws {
            try await CommandSupport.run { command in
                let day = try await command.withSession(keys: .notNeeded) { try await $0.resolveMaybeSent(id, arrived: decision == .sent) }
                guard let day else { throw ValidationError("no maybe-sent message \(id) (plumberleads notify maybe-sent)") }
                switch decision {
                case .sent: print("message \(id) marked sent")
                case .resend: print("message \(id) queued again: `plumberleads run PIPELINE --date \(day) --rerun notify` sends it")
                }
            }
        }
    }
}
