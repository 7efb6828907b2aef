import Foundation
import NIOCore
import PostgresNIO
import HummingbirdTesting
import LeadModel
@testable import ReportServer
import SignedLinks
import Store
import Testing
import TestSupport

/// The main pages in a real browser (Debian's headless Chromium) at a phone's width and a laptop's:
/// each shows what it must, the forms work, and the browser reports no error (a style or script the
/// CSP blocks, a missing stylesheet, an exception). `PLUMBERLEADS_SCREENSHOTS=docs/screenshots` keeps
/// the screenshots there; otherwise they go to a temporary folder.
@Suite(.serialized) struct BrowserTests {
    static var screenshots: URL {
        ProcessInfo.processInfo.environment["PLUMBERLEADS_SCREENSHOTS"].map { URL(fileURLWithPath: $0, relativeTo: TestFiles.repositoryRoot) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("plumberleads-screenshots")
    }

    @Test func theMainPagesWorkAtPhoneAndLaptopWidthsWithoutABrowserError() async throws {
        let chromium = try HeadlessChromium.locate()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await ServerHarness.with(seeded: true, setup: .live) { harness, client in
            let base = "http://localhost:\(try #require(client.port))"
            let sale = try await harness.database.rows("""
                SELECT min(a.id) FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE p.external_id = 'PL-0001'
                """)[0].decode(Int64.self)
            let link = harness.services.links.link(.credit, subject: sale, expires: harness.clock.date.addingTimeInterval(86_400))
            try await chromium.withPage { page in
                for (width, height) in [(390, 844), (1280, 800)] {
                    try await page.resize(width: width, height: height)
                    try await page.call("Network.clearBrowserCookies")
                    func check(_ name: String, _ selector: String, count: Int = 1, shot: Bool = true) async throws {
                        let found = try await page.evaluate("document.querySelectorAll(\(Self.quoted(selector))).length") as? Int ?? 0
                        let url = try await page.evaluate("location.pathname") as? String ?? ""
                        #expect(found >= count, "\(name) at \(width) px (\(url)): \(selector) found \(found) times")
                        if shot { try (try await page.screenshot()).write(to: Self.screenshots.appendingPathComponent("server-\(name)-\(width)px.png")) }
                    }
                    try await page.go("\(base)/login")
                    try await check("login", "form input#email[type=email][autocomplete=username]")
                    try await page.submit([("#email", ServerHarness.admin), ("#password", ServerHarness.password)])
                    try await check("admin-home", "main h1")
                    try await page.go("\(base)/admin/reports/2026-11-24")
                    try await check("campaign-report", "svg.chart", count: 2)
                    try await check("campaign-report-table", "table tbody tr", count: 4, shot: false)
                    try await page.go("\(base)/admin/runs")
                    try await check("runs", "section.card table tbody tr", count: 14)
                    try await page.go("\(base)/admin/plumbers")
                    try await check("plumbers", "table tbody tr", count: 9)
                    try await page.submit([("form[action='/logout'] input[name=csrf]", try await page.evaluate("document.querySelector(\"form[action='/logout'] input[name=csrf]\").value") as? String ?? "")])
                    try await check("logged-out", "form input#password", shot: false)
                    try await page.submit([("#email", ServerHarness.owner("PL-0001")), ("#password", ServerHarness.password)])
                    try await check("plumber-days", "main li a[href^='/me/days/']")
                    try await page.go("\(base)/me/days/2026-11-24")
                    try await check("plumber-day", "section.card a[href^='tel:+1']", count: 3)
                    try await check("plumber-day-map", "section.card a[href^='https://www.google.com/maps/']", shot: false)
                    try await check("plumber-day-credit", "section.card form.credit select option[value=wrong_number]", shot: false)
                    let option = try await page.evaluate("document.querySelector('section.card form.credit select option').textContent") as? String
                    #expect(option?.isEmpty == false, "the credit reasons have words")
                    try await page.go("\(base)/me/statement")
                    try await check("statement", "table tbody tr", count: 3)
                    try await page.go(base + link.path + "?" + (link.query ?? ""))
                    try await check("credit-link", "form[action='/l/confirm'] select[name=reason] option", count: 2)
                    #expect(try await page.evaluate("location.search") as? String == "", "the link's token left the URL")
                }
                #expect(page.problems.isEmpty, "the browser reported: \(page.problems)")
            }
        }
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self) + "[0]"
    }
}
