import Foundation
import NIOCore
import PostgresNIO
import HTTPTypes
import HummingbirdTesting
@testable import ReportServer
import Testing
import TestSupport

/// Every response carries the security headers, and no path reaches outside what the server serves.
@Suite struct HeadersAndPathsTests {
    static func checkHeaders(_ response: TestResponse, _ what: String) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"), "\(what): \(csp)")
        #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true, "\(what)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil, "\(what)")
        #expect(response.headers[.cacheControl] == "no-store", "\(what)")
        #expect(response.headers[.server] == nil, "\(what): no version banner")
    }

    @Test func everyKindOfResponseCarriesTheSecurityHeaders() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            for path in ["/healthz", "/login", "/static/site.css", "/no/such/page", "/admin", "/l/won?s=1&e=1&sig=x"] {
                Self.checkHeaders(try await browser.get(path), path)
            }
            Self.checkHeaders(try await browser.request(.post, "/login", form: [:]), "a refused form")
            try await browser.login(ServerHarness.admin)
            for path in ["/admin", "/admin/reports/2026-11-24", "/admin/reports/2026-11-24/campaigns.csv", "/me"] {
                Self.checkHeaders(try await browser.get(path), path)
            }
        }
    }

    @Test func noTraversalReachesAFile() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let browser = Browser(client)
            try await browser.login(ServerHarness.admin)
            let corpus = [
                "/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/%252e%252e/Package.swift", "/static/..%2fPackage.swift",
                "/static/..\\Package.swift", "/static/%5c..%5cPackage.swift", "/static/site.css%00.txt", "/../../etc/passwd",
                "/static/../../../../etc/passwd", "/admin/reports/..%2f..%2fetc%2fpasswd", "/admin/reports/2026-11-24/..%2f..%2f..%2fpii.key",
                "/me/days/%2e%2e", "//etc/passwd", "/static/./site.css/../../pii.key", "/admin/reports/2026-11-24/../../../var/pii.key",
            ]
            for path in corpus {
                let response = try await browser.get(path)
                let body = String(buffer: response.body)
                #expect(!body.contains("root:x:0:0") && !body.contains("PackageDescription") && !body.contains("BEGIN"), "\(path) leaked a file")
                #expect([.notFound, .badRequest, .seeOther, .forbidden].contains(response.status), "\(path): \(response.status)")
            }
        }
    }
}
