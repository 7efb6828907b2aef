import Enrich
import Foundation
import Ingest
import LeadModel
import Matching
@testable import Pipeline
import TestSupport
import Store
import Testing

@Suite struct StagePlanTests {
    let all = StageName.allCases

    @Test func doneStagesAreSkippedAndTheRestRunInOrder() {
        let statuses = ["ingest": "done", "enrich": "done", "dedup": "failed", "match": "pending"]
        #expect(StagePlan.pending(stages: all, statuses: statuses) == [.dedup, .match, .bill, .notify, .report])
    }

    @Test func rerunResetsTheStageAndEverythingAfter() {
        #expect(StagePlan.resets(stages: all, rerun: .bill) == [.bill, .notify, .report])
        #expect(StagePlan.resets(stages: all, rerun: nil).isEmpty)
    }
}

@Suite struct FailpointTests {
    @Test func unknownNamesAreRefused() {
        #expect(throws: FailpointError.self) { try Failpoints(spec: "bill:after-provder") }
        #expect(throws: FailpointError.self) { try Failpoints(spec: "nostage:chunk-before-commit") }
        #expect(throws: FailpointError.self) { try Failpoints(spec: "enrich:chunk-after-commit@1=pause") }
    }

    @Test func knownNamesParseWithCounts() throws {
        _ = try Failpoints(spec: "bill:after-provider@3, notify:after-send, enrich:chunk-after-commit@1=stop, dedup:chunk-after-commit=kill")
        #expect(Failpoints.all.count == Set(Failpoints.all).count)
        #expect(StageName.allCases.allSatisfy { stage in Failpoints.all.contains("\(stage.rawValue):chunk-after-commit") })
    }
}

@Suite struct PipelineDefinitionTests {
    func load(_ yaml: String) throws -> PipelineDefinition {
        try PipelineDefinition.load(try TestFiles.file("p.yml", yaml))
    }

    static let valid = """
        name: daily
        timezone: America/Chicago
        inbox: inbox/{date}
        sender: "A <a@example.com>"
        pricing: \(TestFiles.repositoryRoot.appendingPathComponent("pipelines/pricing.yml").path)
        """

    @Test func theShippedPipelineLoads() throws {
        let definition = try PipelineDefinition.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/daily.yml"))
        #expect(definition.stages == StageName.allCases)
        #expect(definition.inboxFolder(for: try BusinessDate(parsing: "2026-11-24")).path.hasSuffix("fixtures/inbox/2026-11-24"))
    }

    @Test func shippedClassificationRulesMatchTheBuiltInOnes() throws {
        let shipped = try PipelineDefinition.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/daily.yml")).classifier
        for text in ["pipe burst in the basement", "no hot water", "sewage smell", "toilet runs", "slow drain", "drip under sink", "install a faucet", "other"] {
            #expect(shipped.service(answer: nil, details: text) == ServiceClassifier.standard.service(answer: nil, details: text), "\(text)")
        }
        #expect(shipped.urgency(answer: "ASAP", details: nil, service: .leak) == .emergency)
    }

    @Test func classificationRulesAreOpsData() throws {
        let folder = try TestFiles.folder()
        try Data("""
            services:
              - service: water_heater
                keywords: [Geyser]
            urgency:
              emergency: [pronto]
              soon: [whenever]
            """.utf8).write(to: folder.appendingPathComponent("rules.yml"))
        let yaml = Self.valid + "\nclassification: rules.yml\n"
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("p.yml"))
        let classifier = try PipelineDefinition.load(folder.appendingPathComponent("p.yml")).classifier
        #expect(classifier.service(answer: nil, details: "the geyser is broken") == .waterHeater)
        #expect(classifier.service(answer: nil, details: "the pipe burst") == .other)
        #expect(classifier.urgency(answer: "pronto", details: nil, service: .leak) == .emergency)
        #expect(classifier.urgency(answer: nil, details: nil, service: .burstPipe) == .flexible)

        try Data("services:\n  - service: jacuzzi\n    keywords: [tub]\nurgency: {emergency: [], soon: []}\n".utf8)
            .write(to: folder.appendingPathComponent("rules.yml"))
        #expect(throws: DefinitionError.self) { try PipelineDefinition.load(folder.appendingPathComponent("p.yml")) }
    }

    @Test func defaultsAndPrices() throws {
        let definition = try load(Self.valid)
        #expect(definition.chunkSize == 500)
        #expect(definition.dedupWindowDays == 30)
        #expect(definition.prices.price(service: .leak, urgency: .soon) == Money(cents: 4000))
        #expect(definition.prices.price(service: .toilet, urgency: .emergency) == Money(cents: 4500))
    }

    @Test func pricesAreOpsDataWithSharedAndPlumberTerms() throws {
        let folder = try TestFiles.folder()
        try Data("""
            prices:
              default: {flexible: 3000, soon: 3000, emergency: 4500}
              sewer: {emergency: 9000}
            shared_percent: 60
            plumbers:
              PL-1: {percent: 90}
              PL-2: {prices: {leak: {flexible: 2000}}}
            """.utf8).write(to: folder.appendingPathComponent("prices.yml"))
        let yaml = Self.valid.replacingOccurrences(of: "pricing: /", with: "pricing: prices.yml\n#: /")
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("p.yml"))
        let prices = try PipelineDefinition.load(folder.appendingPathComponent("p.yml")).prices
        #expect(prices.price(service: .sewer, urgency: .emergency) == Money(cents: 9000))
        #expect(prices.price(service: .sewer, urgency: .soon) == Money(cents: 3000))  // the default row fills the gap
        #expect(prices.price(service: .sewer, urgency: .emergency, shared: true) == Money(cents: 5400))
        #expect(prices.price(service: .toilet, urgency: .flexible, plumber: "PL-1") == Money(cents: 2700))
        #expect(prices.price(service: .leak, urgency: .flexible, plumber: "PL-2") == Money(cents: 2000))
        #expect(prices.price(service: .leak, urgency: .soon, plumber: "PL-2") == Money(cents: 3000))
        #expect(prices.price(service: .leak, urgency: .flexible, plumber: "PL-9") == Money(cents: 3000))

        for (bad, message) in [
            ("prices: {leak: {soon: 1}}", "default row"),
            ("prices: {default: {flexible: 1, soon: 1}}", "no price for emergency"),
            ("prices: {default: {flexible: 1, soon: 1, emergency: 1, later: 1}}", "unknown urgency"),
            ("prices: {default: {flexible: 1, soon: 1, emergency: 1}, lek: {soon: 1}}", "unknown service"),
            ("prices: {default: {flexible: 1, soon: 1, emergency: -1}}", "negative price"),
            ("prices: {default: {flexible: 1, soon: 1, emergency: 1}}\nshared_percent: 0", "shared_percent"),
        ] {
            try Data(bad.utf8).write(to: folder.appendingPathComponent("prices.yml"))
            #expect(throws: DefinitionError.self, "\(bad)") { try PipelineDefinition.load(folder.appendingPathComponent("p.yml")) }
            do {
                _ = try PipelineDefinition.load(folder.appendingPathComponent("p.yml"))
            } catch {
                #expect(String(describing: error).contains(message), "\(error)")
            }
        }
    }

    @Test func phoneRegionsDefaultToTheUnitedStatesAndItsTerritories() throws {
        #expect(try load(Self.valid).phoneCountries == ["US", "PR", "VI", "GU", "AS", "MP"])
        let withCanada = try load(Self.valid.replacingOccurrences(of: "inbox: inbox/{date}", with: "inbox: inbox/{date}\nphone_regions: [US, CA]"))
        #expect(withCanada.phoneCountries == ["US", "CA"])
    }

    @Test("mistakes are reported", arguments: [
        ("timezone: America/Chicago", "timezone: Mars/Base", "unknown time zone"),
        ("inbox: inbox/{date}", "inbox: inbox/{date}\nstages: [ingest, report, enrich]", "in pipeline order"),
        ("inbox: inbox/{date}", "inbox: inbox/{date}\nstages: [ingest, publish]", "unknown stage"),
        ("inbox: inbox/{date}", "inbox: inbox/{date}\nchunk_size: 0", "chunk_size"),
        ("name: daily\n", "", "not a valid pipeline"),
        ("inbox: inbox/{date}", "inbox: inbox/{date}\nphone_regions: [US, XX]", "phone_regions must list NANP members by ISO code"),
        ("inbox: inbox/{date}", "inbox: inbox/{date}\nphone_regions: []", "not nothing"),
    ])
    func mistakes(replace: String, with: String, message: String) {
        do {
            _ = try load(Self.valid.replacingOccurrences(of: replace, with: with))
            Issue.record("expected an error mentioning \(message)")
        } catch {
            #expect(String(describing: error).contains(message), "\(error)")
        }
    }
}

@Suite struct RosterFileTests {
    @Test func goodRowsLoadAndBadRowsSayWhy() throws {
        let csv = """
            plumber_id,business_name,email,mobile,zips,services,daily_cap,status
            PL-1,Good Plumbing,a@example.com,(312) 286-4410,60614 60657,leak;clog,5,active
            PL-2,Bad Email,not-an-email,(312) 286-4410,60614,leak,5,active
            PL-3,Bad Service,b@example.com,(312) 286-4410,60614,roofing,5,active
            PL-4,Bad Zip,c@example.com,(312) 286-4410,6061,leak,5,active
            PL-1,Twice,d@example.com,(312) 286-4410,60614,leak,5,paused
            PL-5,Short,e@example.com
            PL-6,Paused Co,f@example.com,+1 773 290 3321,60640,sewer,0,paused
            """
        let roster = try RosterFile.read(try TestFiles.file("roster.csv", csv))
        #expect(roster.plumbers.map(\.externalID) == ["PL-1", "PL-6"])
        #expect(roster.plumbers[0].mobile == "+13122864410")
        #expect(roster.plumbers[0].services == [.leak, .clog])
        #expect(!roster.plumbers[1].active)
        #expect(roster.rejected.map(\.line) == [3, 4, 5, 6, 7])
        #expect(roster.rejected.map(\.reason) == [
            "email is not a valid address", "unknown service \"roofing\" (known: leak, clog, water_heater, burst_pipe, sewer, toilet, installation, other)",
            "zips must be five-digit ZIP codes", "plumber_id PL-1 appears twice", "expected 8 fields, found 3",
        ])
    }

    @Test func missingColumnsFailTheFile() throws {
        #expect(throws: IngestError.self) { try RosterFile.read(try TestFiles.file("r.csv", "plumber_id,business_name\nPL-1,A\n")) }
    }
}

@Suite struct PinnedFormatTests {
    @Test func globsPinFormatsAndUnknownNamesAreRefused() throws {
        let base = PipelineDefinitionTests.valid
        let definition = try PipelineDefinition.load(try TestFiles.file("p.yml", base + "\nformats: {\"*.tsv\": meta_leads, \"spend-*\": google_spend}"))
        #expect(definition.pinnedFormat(for: "x.tsv") == .metaLeads)
        #expect(definition.pinnedFormat(for: "spend-2026.csv") == .googleSpend)
        #expect(definition.pinnedFormat(for: "x.csv") == nil)
        #expect(throws: DefinitionError.self) { try PipelineDefinition.load(try TestFiles.file("p.yml", base + "\nformats: {\"*.tsv\": excel}")) }
    }
}

@Suite struct SettingsTests {
    @Test("a provider URL may carry the secret key over https, or plain http to loopback only", arguments: [
        ("https://api.stripe.com", true), ("http://127.0.0.1:4242", true), ("http://localhost:8080/v1", true), ("http://[::1]:9000", true),
        ("http://localhost.attacker.example", false), ("http://127.0.0.1.attacker.example", false), ("http://localhost@attacker.example", false),
        ("http://api.stripe.com", false), ("ftp://localhost", false), ("localhost:4242", false), ("https://", false),
    ])
    func providerURL(url: String, safe: Bool) {
        #expect(Settings.isSafeProviderURL(url) == safe)
    }

    @Test func theDemoWritesAnIndexKeyOfItsOwnAndKeepsAnExistingHomesIndexes() throws {
        let fresh = try TestFiles.folder("home")
        let settings = try Settings(environment: ["PLUMBERLEADS_HOME": fresh.path])
        let (cipher, created) = try settings.keys.cipher(createIfMissing: true)
        #expect(created)
        let pii = try String(contentsOf: settings.keys.keyFile, encoding: .utf8), index = try String(contentsOf: settings.keys.indexKeyFile, encoding: .utf8)
        #expect(pii != index)
        #expect(try FileManager.default.attributesOfItem(atPath: settings.keys.indexKeyFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(try settings.keys.cipher(createIfMissing: false).0.indexKeyID == cipher.indexKeyID)

        // A home from before the index key had its own file: its indexes were made under pii.key.
        let older = try TestFiles.folder("home")
        let old = try Settings(environment: ["PLUMBERLEADS_HOME": older.path])
        try (PIICipher.generateKey() + "\n").write(to: old.keys.keyFile, atomically: true, encoding: .utf8)
        let before = try old.keys.cipher(createIfMissing: false).0
        let after = try old.keys.cipher(createIfMissing: true).0
        #expect(after.indexKeyID == before.indexKeyID)
        #expect(FileManager.default.fileExists(atPath: old.keys.indexKeyFile.path))
    }

    @Test func anUnsafeStripeURLIsAConfigurationError() {
        #expect(throws: SettingsError.self) {
            try Settings(environment: ["STRIPE_SECRET_KEY": "sk_test_x", "PLUMBERLEADS_STRIPE_URL": "http://localhost.attacker.example"])
        }
    }

    @Test func noSecretShowsWhenTheSettingsArePrintedOrDumped() throws {
        let environment = [
            "PLUMBERLEADS_HOME": try TestFiles.folder("secrets").path, "STRIPE_SECRET_KEY": "sk_test_stripe123", "PLUMBERLEADS_GOOGLE_KEY": "google456",
            "SENDGRID_API_KEY": "SG.sendgrid789", "TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN": "twilio000",
            "TWILIO_FROM": "+13125550100", "PLUMBERLEADS_DATABASE_URL": "postgresql://ops:dbpass321@db.example/plumberleads",
            "PLUMBERLEADS_PII_KEY": Data(repeating: 1, count: 32).base64EncodedString(),
        ]
        let settings = try Settings(environment: environment)
        #expect(settings.stripeSecretKey?.exposed == "sk_test_stripe123")
        var dumped = ""
        dump(settings, to: &dumped)
        for secret in ["dbpass321", "sk_test_stripe123", "google456", "SG.sendgrid789", "twilio000", Data(repeating: 1, count: 32).base64EncodedString()] {
            #expect(!dumped.contains(secret) && !"\(settings)".contains(secret) && !String(reflecting: settings).contains(secret), "\(secret) shows")
        }
    }
}
