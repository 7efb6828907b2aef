import Foundation
import Ingest
import LeadModel
@testable import Pipeline
import TestSupport
import Testing

/// The roster CSV: every field the matcher uses, and a clear error for each bad row.
@Suite struct RosterRulesTests {
    static let header = "plumber_id,business_name,email,mobile,zips,services,daily_cap,status,base_zip,radius_miles,hours,weekly_cap,monthly_budget,plan,included_leads,overage_price,shared,tier,stripe_customer,stripe_payment_method"

    @Test func readsEveryFieldAndRejectsEachBadRowWithItsReason() throws {
        let file = try TestFiles.file("roster.csv", """
            \(Self.header)
            PL-1,Good Plumbing,a@example.com,312 286 4410,60614,leak clog,5,active,60201,10,mon-fri 08:00-17:00; sat 09:00-12:00,20,"1,500.50",subscription,10,35,yes,2,cus_1,pm_card_visa
            PL-2,Bad Hours,b@example.com,312 286 4410,60614,leak,5,active,,,mon-fri 8am-5pm,,,,,,,,,
            PL-3,No Base,c@example.com,312 286 4410,60614,leak,5,active,,10,,,,,,,,,,
            PL-4,Half Plan,d@example.com,312 286 4410,60614,leak,5,active,,,,,,subscription,10,,,,,
            PL-5,Bad Card,e@example.com,312 286 4410,60614,leak,5,active,,,,,,,,,,,cus_5,card_1234
            PL-6,No Area,f@example.com,312 286 4410,,leak,5,active,,,,,,,,,,,,
            PL-7,Bad Budget,g@example.com,312 286 4410,60614,leak,5,active,,,,,-20,,,,,,,
            """)
        let roster = try RosterFile.read(file)
        let good = try #require(roster.plumbers.first)
        #expect(roster.plumbers.count == 1)
        #expect(good.baseZIP == "60201" && good.radiusMiles == 10 && good.weeklyCap == 20 && good.monthlyBudgetCents == 150050)
        #expect(good.plan == .subscription(included: 10, overageCents: 3500) && good.acceptsShared && good.tier == 2)
        #expect(good.hours.isOpen(at: Date(timeIntervalSince1970: 1_795_536_000), in: TimeZone(identifier: "America/Chicago")!) != nil)
        #expect(roster.rejected.map(\.reason) == [
            "hours \"mon-fri 8am-5pm\": \"8am-5pm\" is not HH:MM-HH:MM with the end after the start",
            "radius_miles needs a base_zip",
            "plan subscription needs included_leads and overage_price",
            "stripe_payment_method must be a Stripe payment method id (pm_…)",
            "the service area is empty: give zips and/or base_zip with radius_miles",
            "monthly_budget must be an amount in dollars, not \"-20\"",
        ])
        #expect(roster.rejected.map(\.line) == [3, 4, 5, 6, 7, 8])
    }

    @Test func anUnknownColumnIsRefusedRatherThanIgnored() throws {
        let file = try TestFiles.file("typo.csv", "\(Self.header),weekly_capp\n")
        #expect(throws: IngestError.self) { try RosterFile.read(file) }
    }

    @Test func businessHoursSayWhetherThePlumberIsOpen() throws {
        let hours = try BusinessHours(parsing: "mon-fri 07:00-18:00; sat 08:00-12:00")
        let chicago = TimeZone(identifier: "America/Chicago")!
        let formatter = ISO8601DateFormatter()
        #expect(hours.isOpen(at: formatter.date(from: "2026-11-24T14:00:00Z")!, in: chicago) == true)   // Tue 08:00
        #expect(hours.isOpen(at: formatter.date(from: "2026-11-24T12:59:00Z")!, in: chicago) == false)  // Tue 06:59
        #expect(hours.isOpen(at: formatter.date(from: "2026-11-28T19:00:00Z")!, in: chicago) == false)  // Sat 13:00
        #expect(hours.isOpen(at: formatter.date(from: "2026-11-29T16:00:00Z")!, in: chicago) == false)  // Sun
        #expect(BusinessHours.notStated.isOpen(at: Date(), in: chicago) == nil)
        #expect(try BusinessHours(parsing: "24/7").isOpen(at: Date(), in: chicago) == true)
    }
}
