import Billing
import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import Logging
import NIOCore
import Pipeline
import Reports
@testable import ReportServer
import SignedLinks
import Store
import Synchronization
import TestSupport

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
}

/// The report server on a fresh database: the fixture roster (and, when `seeded`, the fixtures' two days
/// run through the pipeline), an admin and an account per plumber, all with `password`.
struct ServerHarness: Sendable {
    static let password = "correct horse battery staple"
    static let admin = "admin@plumberleads.example"
    static func owner(_ plumber: String) -> String { "owner@\(plumber.lowercased()).example" }

    let services: ServerServices
    let clock: TestClock
    let database: Database
    let settings: Settings
    let definition: PipelineDefinition

    /// Runs the pipeline on `day` again from `rerun` (the next batch, after plumbers said things).
    func runPipeline(day: String = "2026-11-24", rerun: StageName) async throws {
        let session = try await PipelineSession.open(settings: settings, logger: database.logger, keys: .required, onLost: {})
        do {
            _ = try await session.run(definition, date: try BusinessDate(parsing: day), rerun: rerun, asOf: Date(timeIntervalSince1970: 1_795_000_000))
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }
    var app: ReportServerApp { ReportServerApp(services: services) }

    static func with(
        seeded: Bool, setup: TestingSetup = .router, throttle: LoginThrottle = LoginThrottle(), trustedProxies: Set<String> = [], _ body: @escaping @Sendable (ServerHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let url = try await TestDatabase.shared.urlOf(database)
            let home = try TestFiles.folder("server-home")
            let key = Data(repeating: 9, count: 32).base64EncodedString()
            let settings = try Settings(environment: [
                "PLUMBERLEADS_HOME": home.path, "PLUMBERLEADS_DATABASE_URL": url.connectionString, "PLUMBERLEADS_PII_KEY": key,
            ])
            let definition = try PipelineDefinition.load(TestFiles.repositoryRoot.appendingPathComponent("pipelines/daily.yml"))
            let session = try await PipelineSession.open(settings: settings, logger: database.logger, keys: .required, onLost: {})
            let roster = try RosterFile.read(TestFiles.repositoryRoot.appendingPathComponent("fixtures/plumbers.csv"))
            _ = try await session.importRoster(roster.plumbers, consents: roster.consents)
            if seeded {
                for day in ["2026-11-23", "2026-11-24"] {
                    _ = try await session.run(definition, date: try BusinessDate(parsing: day), asOf: Date(timeIntervalSince1970: 1_795_000_000))
                }
            }
            let cipher = try session.piiCipher
            await session.close()
            let clock = TestClock()
            let pool = DatabasePool(url: url, connections: 4, logger: database.logger)
            let services = ServerServices(
                pool: pool, cipher: cipher, pages: try await PageRenderer(directory: TestFiles.repositoryRoot.appendingPathComponent("reports")),
                links: LinkSigner(key: cipher.linkKey, base: definition.publicURL!), clock: { clock.date },
                throttle: throttle, returnReasons: definition.returnRules?.reasons ?? [:], trustedProxies: trustedProxies, bcryptCost: 4,
                logger: database.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pool.run() }
                let accounts = Accounts(pool: pool, cipher: cipher, cost: 4)
                try await accounts.add(email: admin, role: .admin, plumber: nil)
                try await accounts.setPassword(email: admin, password: password)
                for plumber in roster.plumbers.map(\.externalID) {
                    try await accounts.add(email: owner(plumber), role: .plumber, plumber: plumber)
                    try await accounts.setPassword(email: owner(plumber), password: password)
                }
                let harness = ServerHarness(services: services, clock: clock, database: database, settings: settings, definition: definition)
                try await Application(router: harness.app.router()).test(setup) { client in try await body(harness, client) }
                group.cancelAll()
            }
        }
    }
}

/// A browser's part in a test: it keeps the cookies the server sets and sends them back.
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    var cookies: [String: String] { jar.withLock { $0 } }

    func forget(_ name: String) { jar.withLock { $0[name] = nil } }
    func set(_ name: String, _ value: String) { jar.withLock { $0[name] = value } }

    func request(_ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        let cookie = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookie.isEmpty { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&"))
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            let expired = line.lowercased().contains("max-age=0")
            jar.withLock { $0[name] = expired || value.isEmpty ? nil : value }
        }
        return response
    }

    func get(_ uri: String) async throws -> TestResponse { try await request(.get, uri) }

    /// Posts `form` with the CSRF token of the page at `page` (fetched first).
    func post(_ uri: String, _ form: [String: String] = [:], csrfFrom page: String) async throws -> TestResponse {
        let html = String(buffer: try await get(page).body)
        var form = form
        form["csrf"] = Self.csrf(in: html) ?? ""
        return try await request(.post, uri, form: form)
    }

    /// Logs in; true when the server answered with the start page.
    @discardableResult func login(_ email: String, password: String = ServerHarness.password) async throws -> TestResponse {
        try await post("/login", ["email": email, "password": password], csrfFrom: "/login")
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
