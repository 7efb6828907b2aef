import LeadModel
import PostgresNIO
import Store
import Testing
import TestSupport

/// Every status and kind the code writes is an enum; each enum's cases must be exactly the values the
/// database's CHECK allows, so neither can gain a value the other refuses.
@Suite struct StatusCheckTests {
    /// (table, column) → the raw values of the enum that column holds.
    static let enums: [String: Set<String>] = [
        "notifications.status": Set(NotificationStatus.allCases.map(\.rawValue)),
        "notifications.channel": Set(NotificationChannel.allCases.map(\.rawValue)),
        "charges.status": Set(ChargeStatus.allCases.map(\.rawValue)),
        "charges.method": Set(ChargeMethod.allCases.map(\.rawValue)),
        "credits.status": Set(CreditStatus.allCases.map(\.rawValue)),
        "credits.source": Set(NewCredit.Source.allCases.map(\.rawValue)),
        "assignments.status": Set(AssignmentStatus.allCases.map(\.rawValue)),
        "assignments.billing": Set(SaleBilling.allCases.map(\.rawValue)),
        "return_requests.decision": Set(ReturnDecision.allCases.map(\.rawValue)),
        "lead_matches.unsold_kind": Set(UnsoldKind.allCases.map(\.rawValue)),
        "sms_replies.keyword": Set(ReplyKeyword.allCases.map(\.rawValue)),
        "server_users.role": Set(UserRole.allCases.map(\.rawValue)),
        "plumber_inbox.kind": Set(InboxKind.allCases.map(\.rawValue)),
        "plumber_inbox.via": Set(InboxVia.allCases.map(\.rawValue)),
    ]

    @Test(arguments: enums.keys.sorted())
    func enumCasesAreExactlyTheCheckValues(_ column: String) async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let parts = column.split(separator: ".").map(String.init)
            let definitions = try await database.rows("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_attribute a
                  ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.contype = 'c' AND c.conrelid = \(parts[0])::regclass AND a.attname = \(parts[1]) AND cardinality(c.conkey) = 1
                """).map { try $0.decode(String.self) }
            // The column's own CHECK (a rule over several columns, such as a text needing its consent, is not it).
            #expect(definitions.count == 1, "\(column) should have one CHECK, has \(definitions)")
            #expect(Self.quotedValues(definitions.first ?? "") == Self.enums[column], "\(column): CHECK \(definitions)")
        }
    }

    /// The quoted literals of a CHECK definition (`… = ANY (ARRAY['a'::text, 'b'::text])`).
    static func quotedValues(_ definition: String) -> Set<String> {
        var values: Set<String> = [], current: String?
        var characters = definition.makeIterator()
        while let character = characters.next() {
            if character == "'" {
                if let value = current { values.insert(value); current = nil } else { current = "" }
            } else if current != nil {
                current!.append(character)
            }
        }
        return values
    }
}
