import Billing
import Foundation
import Matching
import LeadModel
@testable import Pipeline
import PostgresNIO
import Store
import TestSupport
import Testing

/// Billing inside a pipeline run: declines, subscription usage, and charges whose outcome was lost.
@Suite struct BillingFlowTests {
    /// Gives `plumber` another saved card in the roster.
    static func setCard(_ plumber: String, _ card: String, harness: PipelineHarness) async throws {
        try await change(plumber, harness: harness) { $0.stripePaymentMethod = card }
    }

    static func change(_ plumber: String, harness: PipelineHarness, _ edit: (inout Plumber) -> Void) async throws {
        let repository = PlumberRepository(database: harness.database, cipher: harness.services.cipher)
        var stored = try #require(try await repository.all().first { $0.plumber.externalID == plumber }).plumber
        edit(&stored)
        _ = try await repository.upsert([stored])
    }

    @Test func aDeclinedCardReleasesItsLeadsToTheNextPlumbersAndIsTriedOnce() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let harness = try await PipelineHarness.make(database: database)
            try await Self.setCard("PL-0001", "pm_card_chargeDeclinedInsufficientFunds", harness: harness)
            // Exclusive only: a shared taker (PL-0002) would otherwise share the leads others can take with it, and its
            // exclusive leads would be the ones no one else can take. Room for them at PL-0008.
            try await Self.change("PL-0001", harness: harness) { $0.acceptsShared = false }
            try await Self.change("PL-0008", harness: harness) { $0.dailyCap = 100; $0.weeklyCap = nil }
            _ = try await harness.run()
            let released = try await harness.count("assignments a JOIN plumbers p ON p.id = a.plumber_id", where: "p.external_id = 'PL-0001'")
            #expect(released > 1)
            #expect(try await harness.count("assignments a JOIN plumbers p ON p.id = a.plumber_id", where: "p.external_id = 'PL-0001' AND a.status = 'active'") == 0)
            // The card was tried once; the plumber's other leads were released without another request.
            let journal = try String(contentsOf: harness.home.appendingPathComponent("ledger/payments.jsonl"), encoding: .utf8)
            #expect(journal.components(separatedBy: "cus_PLdemo0001").count - 1 == 1)
            let failure = try await database.rows("SELECT card_failure FROM plumbers WHERE external_id = 'PL-0001'")[0].decode(String?.self)
            #expect(failure == "card_declined: insufficient_funds")
            // Each released lead went to another plumber in the same run, or stayed unsold saying why.
            let rounds = try await database.rows("""
                SELECT m.outcome, ms.status, EXISTS (SELECT 1 FROM assignments a WHERE a.lead_id = l.id AND a.status = 'active')
                FROM lead_matches m JOIN leads l ON l.id = m.lead_id JOIN lead_match_status ms ON ms.lead_id = l.id WHERE m.round = 1 ORDER BY m.lead_id
                """).map { try $0.decode((String, String, Bool).self) }
            #expect(rounds.count == released)
            for (outcome, status, held) in rounds {
                #expect(outcome.hasPrefix("card of PL-0001 declined (card_declined: insufficient_funds); "))
                #expect(status == (held ? "assigned" : "unsold"))
                #expect(outcome.contains("unsold:") == (outcome.contains("exclusive to") == false && outcome.contains("shared by") == false))
            }
            #expect(rounds.contains { $0.0.contains("; exclusive to PL-") }, "no released lead went to another plumber")
            #expect(!rounds.contains { $0.0.contains("to PL-0001") })
            // Every active assignment is paid; no limit is broken by the reallocations.
            #expect(try await harness.count("assignments a JOIN charges c ON c.assignment_id = a.id", where: "a.status = 'active' AND c.status <> 'succeeded'") == 0)
            #expect(try await harness.count("(\(RosterLimits.violations)) x") == 0)
            // The next day PL-0001 gets nothing until the roster brings another card.
            let pool = try await CandidateLoader.load(in: database.session, cipher: harness.services.cipher)
                .pool(for: PipelineHarness.date, in: database.session)
            let lead = LeadModel.LeadToPlace(zip: "60614", service: .leak, urgency: .soon, createdAt: nil)
            let next = harness.definition.allocationPolicy(for: PipelineHarness.date).allocate(lead, in: pool)
            #expect(next.passedOver.contains { $0.hasPrefix("PL-0001: card failing") })
            try await Self.setCard("PL-0001", "pm_card_visa", harness: harness)
            #expect(try await database.rows("SELECT card_failure FROM plumbers WHERE external_id = 'PL-0001'")[0].decode(String?.self) == nil)
        }
    }

    @Test func throughStripeCardsAreChargedOverageIsMeteredAndIncludedLeadsCostNothing() async throws {
        let fake = try await FakeStripe()
        do {
            try await TestDatabase.shared.withFreshDatabase { database in
                let stripe = StripePaymentProvider(
                    client: StripeClient(configuration: .init(secretKey: Secret(FakeStripe.secretKey), baseURL: fake.url), logger: database.logger),
                    meterEventName: "plumberleads_overage_leads")
                let harness = try await PipelineHarness.make(database: database, payments: stripe, clock: Date.init)
                _ = try await harness.run()
                let cards = try await harness.count("charges", where: "method = 'payment_intent' AND status = 'succeeded'")
                let metered = try await database.rows("SELECT idempotency_key FROM charges WHERE method = 'meter_event' AND status = 'succeeded'")
                    .map { try $0.decode(String.self) }
                #expect(cards > 0 && !metered.isEmpty)
                #expect(fake.charges == cards)
                #expect(Set(fake.meterEvents.keys) == Set(metered))
                #expect(fake.meterEvents.values.allSatisfy { $0.customer == "cus_PLdemo0003" && $0.value == 1 })
                // One PaymentIntent per assignment, carrying our ids only.
                let byAssignment = Dictionary(grouping: fake.intents, by: { $0.metadata["assignment_id"] ?? "" })
                #expect(byAssignment.count == cards && byAssignment.values.allSatisfy { $0.count == 1 })
                #expect(fake.intents.allSatisfy { Set($0.metadata.keys) == ["assignment_id", "lead_id", "business_date"] })
                #expect(try await harness.count("charges", where: "method = 'included' AND amount_cents = 0 AND status = 'succeeded'") == 20)
            }
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    @Test func aChargeWhoseOutcomeWasLostLongerAgoThanStripeKeepsKeysIsLookedUpNotRepeated() async throws {
        let fake = try await FakeStripe()
        do {
            try await TestDatabase.shared.withFreshDatabase { database in
                let stripe = StripePaymentProvider(
                    client: StripeClient(configuration: .init(secretKey: Secret(FakeStripe.secretKey), baseURL: fake.url), logger: database.logger),
                    meterEventName: "plumberleads_overage_leads")
                let harness = try await PipelineHarness.make(database: database, payments: stripe, clock: Date.init)
                var definition = harness.definition
                definition.stages = [.ingest, .enrich, .dedup, .match]
                _ = try await PipelineRunner(
                    definition: definition, database: database, services: harness.services, failpoints: .none, logger: database.logger,
                    progress: Progress(enabled: false)).run(date: PipelineHarness.date)
                _ = try await ChargeRepository(database.session).writePending(date: PipelineHarness.date, provider: "stripe")
                // Two days ago the first charge was sent and Stripe made it, but the answer never arrived;
                // Stripe has since forgotten the key.
                let first = try await database.rows("""
                    SELECT c.id, c.assignment_id, c.amount_cents, p.stripe_customer, p.stripe_payment_method FROM charges c
                    JOIN plumbers p ON p.id = c.plumber_id WHERE c.method = 'payment_intent' ORDER BY c.id LIMIT 1
                    """)[0].decode((Int64, Int64, Int64, String, String).self)
                _ = try await stripe.charge(ChargeRequest(
                    idempotencyKey: "an-expired-key", customer: first.3, paymentMethod: first.4, amount: Money(cents: first.2),
                    description: "lost", metadata: ["assignment_id": String(first.1)]))
                try await database.execute("UPDATE charges SET attempts = 1, first_attempt_at = now() - interval '2 days' WHERE id = \(first.0)")
                _ = try await harness.run()
                let settled = try await database.rows("SELECT status, provider_ref FROM charges WHERE id = \(first.0)")[0].decode((String, String).self)
                #expect(settled == ("succeeded", "pi_fake1"))
                #expect(fake.intents.filter { $0.metadata["assignment_id"] == String(first.1) }.count == 1)
                #expect(fake.charges == (try await harness.count("charges", where: "method = 'payment_intent' AND status = 'succeeded'")))
            }
            try await fake.shutdown()
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }
}
