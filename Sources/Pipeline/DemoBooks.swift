import Foundation
import LeadModel
import PostgresNIO
import Store

/// What the demo shows after its runs: leads per plumber with what they paid, why leads went unsold,
/// and the credits; each plumber's full statement is written to a file.
public struct DemoBooks: Sendable {
    public var plumbers: [[String]]
    public var unsold: [(reason: String, count: Int)]
    public var credits: [String]
    public var statementsFolder: URL

    public static func load(database: Database, statementsFolder: URL) async throws -> DemoBooks {
        try FileManager.default.createDirectory(at: statementsFolder, withIntermediateDirectories: true)
        var plumbers = [["PLUMBER", "PLAN", "LEADS", "SHARED", "RELEASED", "CHARGED", "CREDITED", "NET"]]
        for row in try await database.rows("""
            SELECT p.external_id, p.plan, count(a.id) FILTER (WHERE a.status = 'active'), count(a.id) FILTER (WHERE a.shared AND a.status = 'active'),
                   count(a.id) FILTER (WHERE a.status = 'released')
            FROM plumbers p LEFT JOIN assignments a ON a.plumber_id = p.id GROUP BY p.external_id, p.plan ORDER BY 1
            """) {
            let (id, plan, leads, shared, released) = try row.decode((String, String, Int, Int, Int).self)
            guard let statement = try await LedgerStatement.load(plumber: id, database: database) else { continue }
            try "\(statement.plumber) \(statement.business)\n\(statement.text)\n".write(
                to: statementsFolder.appendingPathComponent("\(id).txt"), atomically: true, encoding: .utf8)
            func money(_ totals: [String: Int64]) -> String { Money(cents: totals["USD"] ?? 0).description }
            plumbers.append([id, plan, String(leads), String(shared), String(released), money(statement.totals), money(statement.credited), money(statement.net)])
        }
        let unsold = try await database.rows("""
            SELECT unsold_kind, count(*)::int FROM lead_match_status WHERE status = 'unsold' GROUP BY 1 ORDER BY 2 DESC, 1
            """).map { try $0.decode((String, Int).self) }.map { (reason: $0.0, count: $0.1) }
        let credits = try await database.rows("""
            SELECT p.external_id || ' · ' || cr.source || ' · ' || cr.status || ' ' || to_char(cr.amount_cents / 100.0, 'FM$999,990.00') || ' · ' || cr.reason
            FROM credits cr JOIN plumbers p ON p.id = cr.plumber_id ORDER BY cr.id
            """).map { try $0.decode(String.self) }
        return DemoBooks(plumbers: plumbers, unsold: unsold, credits: credits, statementsFolder: statementsFolder)
    }

    public var text: String {
        var out = "\nMatches and money (both days)\n" + TextTable.render(plumbers).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        out += "\n\nUnsold leads by reason (plumberleads trace LEAD shows who was passed over and why)\n"
        out += unsold.map { "  \(String($0.count).leftPad(4))  \($0.reason)" }.joined(separator: "\n")
        out += "\n\nCredits\n" + (credits.isEmpty ? "  none" : credits.map { "  " + $0 }.joined(separator: "\n"))
        out += "\n\nStatements       \(statementsFolder.path)/PL-….txt (plumberleads ledger PL-0004)"
        return out
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
