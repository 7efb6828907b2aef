import Foundation
import LeadModel
import Store
import TestSupport
import Testing

@Suite struct PlumberRepositoryTests {
    static let plumber = Plumber(
        externalID: "PL-1", businessName: "Good Plumbing", email: "a@example.com", mobile: "+13122864410", zips: ["60614"],
        services: [.leak], dailyCap: 5, active: true)

    static func repository(_ database: Database) throws -> PlumberRepository {
        PlumberRepository(database: database, cipher: try PIICipher(base64Key: Data(repeating: 3, count: 32).base64EncodedString()))
    }

    @Test func pauseAndResumeByRosterID() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let repository = try Self.repository(database)
            let plumber = Self.plumber
            _ = try await repository.upsert([plumber])

            #expect(try await repository.setActive("PL-1", false))
            #expect(try await repository.all().first?.plumber.active == false)
            #expect(try await repository.setActive("PL-1", true))
            #expect(try await repository.all().first?.plumber == plumber)
            #expect(try await repository.setActive("PL-404", false) == false)
        }
    }

    /// The latest change of status wins: an ops pause survives imports of a roster that still says
    /// active, and gives way when the roster itself changes the status.
    @Test func anOpsPauseStandsUntilTheRosterChangesTheStatus() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let repository = try Self.repository(database)
            var plumber = Self.plumber
            _ = try await repository.upsert([plumber])
            #expect(try await repository.setActive("PL-1", false))

            // The same roster again: nothing to update, the pause stands.
            let same = try await repository.upsert([plumber])
            #expect(same == (0, 0))
            var stored = try #require(try await repository.all().first)
            #expect(!stored.plumber.active && stored.rosterActive && stored.statusSetBy == "ops")
            #expect(stored.statusDescription.hasPrefix("paused by ops on ") && stored.statusDescription.hasSuffix("(the roster says active)"))

            // Another change in the roster's row: updated, still paused.
            plumber.dailyCap = 6
            #expect(try await repository.upsert([plumber]) == (0, 1))
            stored = try #require(try await repository.all().first)
            #expect(!stored.plumber.active && stored.plumber.dailyCap == 6)

            // The roster pauses, then resumes: its change of status wins over the earlier pause.
            plumber.active = false
            _ = try await repository.upsert([plumber])
            plumber.active = true
            _ = try await repository.upsert([plumber])
            stored = try #require(try await repository.all().first)
            #expect(stored.plumber.active && stored.statusSetBy == "roster" && stored.statusDescription == "active")
        }
    }
}
