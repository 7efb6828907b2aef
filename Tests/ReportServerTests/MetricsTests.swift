import Foundation
import NIOCore
import HTTPTypes
import HummingbirdTesting
@testable import ReportServer
import Testing
import TestSupport

/// `/metrics`: requests by route pattern and status, for admins (or the machine itself) only.
@Suite struct MetricsTests {
    @Test func requestsAreCountedByRoutePatternAndOnlyAdminsReadThem() async throws {
        try await ServerHarness.with(seeded: false) { harness, client in
            let plumber = Browser(client)
            try await plumber.login(ServerHarness.owner("PL-0001"))
            _ = try await plumber.get("/me/days/2026-11-24")
            _ = try await plumber.get("/no/such/page")
            #expect(try await plumber.get("/metrics").status == .forbidden)
            #expect(try await Browser(client).get("/metrics").headers[.location] == "/login")
            let admin = Browser(client)
            try await admin.login(ServerHarness.admin)
            let response = try await admin.get("/metrics")
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains(#"plumberleads_http_requests_total{method="GET",route="/me/days/{date}",status="404"} 1"#), "\(text.prefix(1500))")
            #expect(text.contains(#"route="NotFound",status="404""#))
            #expect(text.contains("plumberleads_http_request_duration_seconds_bucket"))
            #expect(!text.contains("2026-11-24"), "ids and dates never become labels")
        }
    }
}
