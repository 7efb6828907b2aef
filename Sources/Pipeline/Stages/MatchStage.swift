import Foundation
import LeadModel
import Matching
import PostgresNIO
import Store

/// Assigns each unique valid lead of the day to one plumber by fair rotation, within daily caps, or marks
/// it unsold with the reason. Chunks of leads; the plumbers' loads are re-read from committed
/// assignments at each chunk, so a resumed run decides exactly as an uninterrupted one.
struct MatchStage: Stage {
    let name = StageName.match

    func run(_ context: StageContext) async throws {
        let day = context.date.description
        let matcher = Matcher()
        let roster = try await PlumberRepository(database: context.database, cipher: context.services.cipher).all()
        let rowIDs = Dictionary(uniqueKeysWithValues: roster.map { ($0.plumber.externalID, $0.id) })
        while true {
            let leads = try await context.database.rows("""
                SELECT l.id, l.zip, l.service, l.urgency FROM leads l
                WHERE l.business_date = \(day)::date AND l.valid AND l.match_status IS NULL
                  AND NOT EXISTS (SELECT 1 FROM lead_dedup d WHERE d.lead_id = l.id AND d.status = 'duplicate')
                ORDER BY l.id LIMIT \(context.definition.chunkSize)
                """)
            if leads.isEmpty { return }
            var loads = try await Self.loads(roster: roster, day: day, database: context.database)
            var assigned: [(lead: Int64, plumber: Int64, price: Money, reason: String)] = []
            var unsold: [(lead: Int64, reason: String)] = []
            var sequence = (loads.map(\.lastServed).max() ?? 0) + 1
            for row in leads {
                let (id, zip, serviceText, urgencyText) = try row.decode((Int64, String, String, String).self)
                let service = ServiceType(rawValue: serviceText) ?? .other
                let urgency = Urgency(rawValue: urgencyText) ?? .flexible
                switch matcher.decide(zip: zip, service: service, loads: loads) {
                case .assigned(let plumberID, let reason):
                    let index = loads.firstIndex { $0.plumber.externalID == plumberID }!
                    loads[index].assignedToday += 1
                    loads[index].lastServed = sequence
                    sequence += 1
                    assigned.append((id, rowIDs[plumberID]!, context.definition.prices.price(service: service, urgency: urgency, plumber: plumberID), reason))
                case .unsold(let reason):
                    unsold.append((id, reason))
                }
            }
            try await context.commitChunk { connection in
                if !assigned.isEmpty {
                    try await connection.query("""
                        INSERT INTO assignments (lead_id, plumber_id, business_date, price_cents, currency, reason)
                        SELECT lead, plumber, \(day)::date, price, currency, reason
                        FROM unnest(\(assigned.map(\.lead)), \(assigned.map(\.plumber)), \(assigned.map(\.price.cents)),
                                    \(assigned.map(\.price.currency)), \(assigned.map(\.reason)))
                             AS a(lead, plumber, price, currency, reason)
                        """, logger: context.logger)
                }
                let ids = assigned.map(\.lead) + unsold.map(\.lead)
                let statuses = assigned.map { _ in "assigned" } + unsold.map { _ in "unsold" }
                let reasons = assigned.map(\.reason) + unsold.map(\.reason)
                try await connection.query("""
                    UPDATE leads l SET match_status = u.status, match_reason = u.reason
                    FROM unnest(\(ids), \(statuses), \(reasons)) AS u(id, status, reason) WHERE l.id = u.id
                    """, logger: context.logger)
                return .init(rowsIn: Int64(leads.count), rowsOut: Int64(assigned.count), rowsRejected: Int64(unsold.count))
            }
        }
    }

    /// Each plumber's assignments on `day` and the order they were last served in (by assignment id).
    static func loads(roster: [PlumberRepository.Stored], day: String, database: Database) async throws -> [PlumberLoad] {
        var today: [Int64: Int] = [:]
        var last: [Int64: Int64] = [:]
        for try await (plumber, count, latest) in try await database.connection.query("""
            SELECT plumber_id, count(*) FILTER (WHERE business_date = \(day)::date), max(id) FROM assignments GROUP BY plumber_id
            """, logger: database.logger).decode((Int64, Int, Int64).self) {
            today[plumber] = count
            last[plumber] = latest
        }
        return roster.map { PlumberLoad(plumber: $0.plumber, assignedToday: today[$0.id] ?? 0, lastServed: last[$0.id] ?? 0) }
    }
}
