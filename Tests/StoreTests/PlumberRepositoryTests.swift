import Foundation
import LeadModel
import Store
import TestSupport
import Testing

@Suite struct PlumberRepositoryTests {
    @Test func pauseAndResumeByRosterID() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let cipher = try PIICipher(base64Key: Data(repeating: 3, count: 32).base64EncodedString())
            let repository = PlumberRepository(database: database, cipher: cipher)
            let plumber = Plumber(
                externalID: "PL-1", businessName: "Good Plumbing", email: "a@example.com", mobile: "+13122864410", zips: ["60614"],
                services: [.leak], dailyCap: 5, active: true)
            _ = try await repository.upsert([plumber])

            #expect(try await repository.setActive("PL-1", false))
            #expect(try await repository.all().first?.plumber.active == false)
            #expect(try await repository.setActive("PL-1", true))
            #expect(try await repository.all().first?.plumber == plumber)
            #expect(try await repository.setActive("PL-404", false) == false)
        }
    }
}
