import Ingest
import LeadModel
import ArgumentParser
import Foundation
import Pipeline
import Reports

/// `plumberleads plumbers …`: the roster.
struct PlumbersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumbers", abstract: "Manage the plumber roster.", subcommands: [Import.self, List.self, Show.self, Pause.self, Resume.self, Unsubscribe.self, Resubscribe.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Add or update plumbers from a roster CSV; exits 65 if any row was rejected.")

        @Argument(help: "The roster CSV (plumber_id, business_name, email, mobile, zips, services, daily_cap, status; optional: base_zip, radius_miles, hours, time_zone, weekly_cap, monthly_budget, plan, included_leads, overage_price, shared, tier, stripe_customer, stripe_payment_method).")
        var file: String

        func run() async throws {
            try await CommandSupport.run { command in
                let roster = try RosterFile.read(URL(fileURLWithPath: file))
                let (inserted, updated, held) = try await command.withSession { try await $0.importRoster(roster.plumbers, consents: roster.consents) }
                for row in roster.rejected { CommandSupport.printError("\(file):\(row.line): \(row.reason)") }
                print("\(roster.plumbers.count) plumbers read: \(inserted) added, \(updated) updated, \(roster.rejected.count) rows rejected")
                for stored in held {
                    print("\(stored.plumber.externalID) stays \(stored.statusDescription): the roster did not change its status")
                }
                if !roster.rejected.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the roster.")
        func run() async throws {
            try await CommandSupport.run { command in
                let plumbers = try await command.withSession { try await $0.roster() }
                var rows = [["ID", "BUSINESS", "STATUS", "CAPS", "PLAN", "AREA", "SERVICES"]]
                for stored in plumbers {
                    let p = stored.plumber
                    rows.append([p.externalID, p.businessName, stored.statusSetBy == "ops" ? "\(p.active ? "active" : "paused") (ops)" : (p.active ? "active" : "paused"), "\(p.dailyCap)/\(p.weeklyCap.map(String.init) ?? "-")",
                                 p.planDescription, p.areaDescription, p.services.map(\.rawValue).sorted().joined(separator: " ")])
                }
                print(TextTable.render(rows))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one plumber: contact, area, services, hours, caps, budget, plan, card, status.")

        @Argument(help: "The roster id (PL-0001).")
        var plumber: String

        func run() async throws {
            try await CommandSupport.run { command in
                let all = try await command.withSession { try await $0.roster() }
                guard let stored = all.first(where: { $0.plumber.externalID == plumber }) else {
                    throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)")
                }
                let p = stored.plumber
                print(TextTable.render([
                    ["id", p.externalID], ["business", p.businessName], ["status", stored.statusDescription], ["email", p.email],
                    ["mobile", p.mobile], ["area", p.areaDescription],
                    ["services", p.services.map(\.rawValue).sorted().joined(separator: " ")], ["hours", "\(p.hours) (\(p.timeZone))"],
                    ["caps", "\(p.dailyCap) a day" + (p.weeklyCap.map { ", \($0) a week" } ?? "")],
                    ["budget", p.monthlyBudgetCents.map { "\(Money(cents: $0)) a month (hard)" } ?? "none"], ["plan", p.planDescription],
                    ["leads", p.acceptsShared ? "exclusive or shared" : "exclusive only"], ["tier", String(p.tier)],
                    ["stripe", [p.stripeCustomer, p.stripePaymentMethod].compactMap { $0 }.joined(separator: " ").isEmpty
                        ? "no card on file" : [p.stripeCustomer, p.stripePaymentMethod].compactMap { $0 }.joined(separator: " ")],
                    ["card", stored.cardFailure.map { "failing: \($0)" } ?? "ok"],
                    ["digests", stored.digestsUnsubscribedAt.map { "unsubscribed on \($0.formatted(.iso8601.year().month().day()))" } ?? "sent"],
                    ["texts", stored.smsConsentInForce ? (stored.smsOptedOutAt.map { "opted out at the provider on \($0.formatted(.iso8601.year().month().day()))" } ?? "consent in force") : "no consent: none sent"],
                ]))
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop sending a plumber leads from the next match on, until resumed or the roster changes the plumber's status.")
        @Argument(help: "The roster id (PL-0001).")
        var plumber: String
        func run() async throws { try await PlumbersCommand.setActive(plumber, false) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a paused plumber leads again from the next match on.")
        @Argument(help: "The roster id (PL-0001).")
        var plumber: String
        func run() async throws { try await PlumbersCommand.setActive(plumber, true) }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a plumber's digest emails from the next run on (their leads stay on the report server).")
        @Argument(help: "The roster id (PL-0001).")
        var plumber: String
        func run() async throws { try await PlumbersCommand.setDigests(plumber, unsubscribed: true) }
    }

    struct Resubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a plumber's digest emails again, when they ask for them.")
        @Argument(help: "The roster id (PL-0001).")
        var plumber: String
        func run() async throws { try await PlumbersCommand.setDigests(plumber, unsubscribed: false) }
    }

    static func setDigests(_ plumber: String, unsubscribed: Bool) async throws {
        try await CommandSupport.run { command in
            let found = try await command.withSession { try await $0.setDigestsUnsubscribed(plumber, unsubscribed) }
            guard found else { throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)") }
            print("\(plumber) \(unsubscribed ? "unsubscribed from" : "resubscribed to") the digests")
        }
    }

    static func setActive(_ plumber: String, _ active: Bool) async throws {
        try await CommandSupport.run { command in
            let found = try await command.withSession { try await $0.setActive(plumber, active) }
            guard found else { throw ValidationError("no plumber \(plumber) in the roster (plumberleads plumbers list)") }
            print("\(plumber) \(active ? "resumed" : "paused")")
        }
    }
}
