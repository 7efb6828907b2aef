import Foundation
import PostgresNIO
import Store

/// What happened to one lead, stage by stage, with every stored reason (`plumberleads trace LEAD`):
/// where it came from, what enrich found, what dedup decided and why, whom it went to, what was charged.
/// Contact data stays encrypted: the trace names the lead by ids, never by its person.
public struct LeadTrace: Sendable {
    public var lines: [(stage: String, text: String)]

    /// Finds the lead by our id (`193`) or the platform's (`9100000000072000`, `TeSter-20261124-00017`).
    public static func load(_ reference: String, database: Database) async throws -> LeadTrace? {
        let rows = try await database.rows("""
            SELECT l.id, r.platform, r.platform_lead_id, l.business_date::text, f.name, r.line_no,
                   l.valid, l.problems, l.notes, l.service, l.urgency, l.zip, l.time_zone, l.quality, l.quality_reasons,
                   d.status, d.duplicate_of, d.related_to, d.reason, l.match_status, l.match_reason,
                   p.external_id, p.business_name, a.price_cents, a.currency, c.status, c.amount_cents, c.provider, c.provider_ref,
                   (SELECT s.status FROM stage_runs s JOIN pipeline_runs pr ON pr.id = s.run_id
                    WHERE pr.business_date = l.business_date AND s.stage = 'dedup' ORDER BY s.id DESC LIMIT 1)
            FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id JOIN source_files f ON f.id = r.source_file_id
            LEFT JOIN lead_dedup d ON d.lead_id = l.id
            LEFT JOIN assignments a ON a.lead_id = l.id LEFT JOIN plumbers p ON p.id = a.plumber_id
            LEFT JOIN charges c ON c.assignment_id = a.id
            WHERE l.id::text = \(reference) OR r.platform_lead_id = \(reference)
            ORDER BY l.id LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        let columns = row.makeRandomAccess()
        func value<T: PostgresDecodable>(_ index: Int, _ type: T.Type = T.self) throws -> T { try columns[index].decode(T.self) }

        var lines: [(String, String)] = []
        let id: Int64 = try value(0)
        lines.append(("lead", "\(id) · \(try value(1, String.self)) \(try value(2, String.self)) · business day \(try value(3, String.self))"))
        var source = "\(try value(4, String.self)) line \(try value(5, Int.self))"
        let sightings = try await database.rows("""
            SELECT f.name, s.line_no FROM raw_lead_sightings s JOIN source_files f ON f.id = s.source_file_id
            JOIN leads l ON l.raw_lead_id = s.raw_lead_id WHERE l.id = \(id) ORDER BY f.id, s.line_no
            """)
        for sighting in sightings {
            let (file, line) = try sighting.decode((String, Int).self)
            source += "; seen again in \(file) line \(line)"
        }
        lines.append(("source", source))

        let valid: Bool = try value(6)
        let problems: [String] = try value(7), notes: [String] = try value(8)
        let place = [try value(11, String?.self).map { "ZIP \($0)" }, try value(12, String?.self)].compactMap { $0 }.joined(separator: ", ")
        lines.append(("enrich", "\(valid ? "valid" : "invalid: " + problems.joined(separator: "; ")) · \(try value(9, String.self)), \(try value(10, String.self))"
            + (place.isEmpty ? "" : " · \(place)")))
        let reasons: [String] = try value(14)
        lines.append(("quality", "\(try value(13, Int.self))/100" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))")))
        if !notes.isEmpty { lines.append(("notes", notes.joined(separator: "; "))) }

        if valid {
            let status: String? = try value(15), reason: String? = try value(18), dedupRun: String? = try value(29)
            switch (status, dedupRun) {
            case ("duplicate"?, _): lines.append(("dedup", "duplicate of lead \(try value(16, Int64.self)): \(reason ?? "")"))
            case ("unique"?, _):
                let related: Int64? = try value(17)
                lines.append(("dedup", "unique" + (related.map { ", a new job of the person of lead \($0)" } ?? "") + ": \(reason ?? "")"))
            case (nil, "done"?): lines.append(("dedup", "unique: no earlier lead shares its phone, email, address or name"))
            default: lines.append(("dedup", "not decided yet"))
            }
            let matchStatus: String? = try value(19), matchReason: String? = try value(20)
            if let matchStatus {
                var text = "\(matchStatus): \(matchReason ?? "")"
                if let plumber: String = try value(21) {
                    text = "assigned to \(plumber) \(try value(22, String.self)) at \(Self.money(try value(23, Int64.self), try value(24, String.self))) (\(matchReason ?? ""))"
                }
                lines.append(("match", text))
            }
            if let chargeStatus: String = try value(25) {
                lines.append(("charge", "\(chargeStatus) \(Self.money(try value(26, Int64.self), try value(24, String.self))) via \(try value(27, String.self))"
                    + (try value(28, String?.self)).map { ", reference \($0)" }.orEmpty))
            }
        }
        return LeadTrace(lines: lines)
    }

    static func money(_ cents: Int64, _ currency: String) -> String {
        String(format: "%@ %d.%02d", currency, cents / 100, cents % 100)
    }

    public var text: String {
        let width = lines.map(\.stage.count).max() ?? 0
        return lines.map { $0.stage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.text }.joined(separator: "\n")
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
