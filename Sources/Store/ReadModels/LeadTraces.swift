import Foundation
import LeadModel
import PostgresNIO

/// Loads a lead's trace (`LeadTrace`) from every table its way touched.
public struct LeadTraces: Sendable {
    let session: DatabaseSession

    public init(_ session: DatabaseSession) {
        self.session = session
    }

    /// Finds the lead by our id (`193`) or the platform's (`9100000000072000`, `TeSter-20261124-00017`).
    public func load(_ reference: String) async throws -> LeadTrace? {
        let rows = try await session.rows("""
            SELECT l.id, r.platform, r.platform_lead_id, l.business_date::text, f.name, r.line_no,
                   l.valid, l.problems, l.notes, l.service, l.urgency, l.zip, l.time_zone, l.quality, l.quality_reasons,
                   d.status, d.duplicate_of, d.related_to, d.reason, ms.status, ms.reason,
                   (SELECT s.status FROM stage_runs s JOIN pipeline_runs pr ON pr.id = s.run_id
                    WHERE pr.business_date = l.business_date AND s.stage = 'dedup' ORDER BY s.id DESC LIMIT 1),
                   l.phone_country, l.phone_time_zone
            FROM leads l JOIN raw_leads r ON r.id = l.raw_lead_id JOIN source_files f ON f.id = r.source_file_id
            LEFT JOIN lead_dedup d ON d.lead_id = l.id LEFT JOIN lead_match_status ms ON ms.lead_id = l.id
            WHERE l.id::text = \(reference) OR r.platform_lead_id = \(reference)
            ORDER BY l.id LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        let columns = row.makeRandomAccess()
        func value<T: PostgresDecodable>(_ index: Int, _ type: T.Type = T.self) throws -> T { try columns[index].decode(T.self) }

        var lines: [LeadTrace.Line] = []
        let id: Int64 = try value(0)
        lines.append(LeadTrace.Line("lead", "\(id) · \(try value(1, String.self)) \(try value(2, String.self)) · business day \(try value(3, String.self))"))
        var source = "\(try value(4, String.self)) line \(try value(5, Int.self))"
        let sightings = try await session.rows("""
            SELECT f.name, s.line_no FROM raw_lead_sightings s JOIN source_files f ON f.id = s.source_file_id
            JOIN leads l ON l.raw_lead_id = s.raw_lead_id WHERE l.id = \(id) ORDER BY f.id, s.line_no
            """)
        for sighting in sightings {
            let (file, line) = try sighting.decode((String, Int).self)
            source += "; seen again in \(file) line \(line)"
        }
        lines.append(LeadTrace.Line("source", source))

        let valid: Bool = try value(6)
        let problems: [String] = try value(7), notes: [String] = try value(8)
        let phone = try value(22, String?.self).map { "phone \($0)" + (try value(23, String?.self).map { " (\($0))" } ?? "") }
        let place = [try value(11, String?.self).map { "ZIP \($0)" }, try value(12, String?.self), phone].compactMap { $0 }.joined(separator: ", ")
        lines.append(LeadTrace.Line("enrich", "\(valid ? "valid" : "invalid: " + problems.joined(separator: "; ")) · \(try value(9, String.self)), \(try value(10, String.self))"
            + (place.isEmpty ? "" : " · \(place)")))
        let reasons: [String] = try value(14)
        lines.append(LeadTrace.Line("quality", "\(try value(13, Int.self))/100" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))")))
        if !notes.isEmpty { lines.append(LeadTrace.Line("notes", notes.joined(separator: "; "))) }

        if valid {
            let status: String? = try value(15), reason: String? = try value(18), dedupRun: String? = try value(21)
            switch (status, dedupRun) {
            case ("duplicate"?, _): lines.append(LeadTrace.Line("dedup", "duplicate of lead \(try value(16, Int64.self)): \(reason ?? "")"))
            case ("unique"?, _):
                let related: Int64? = try value(17)
                lines.append(LeadTrace.Line("dedup", "unique" + (related.map { ", a new job of the person of lead \($0)" } ?? "") + ": \(reason ?? "")"))
            case (nil, "done"?): lines.append(LeadTrace.Line("dedup", "unique: no earlier lead shares its phone, email, address or name"))
            default: lines.append(LeadTrace.Line("dedup", "not decided yet"))
            }
            let matchStatus: String? = try value(19), matchReason: String? = try value(20)
            lines += try await allocation(lead: id)
            if matchStatus == nil { lines.append(LeadTrace.Line("match", "not decided yet")) } else if lines.last?.stage == "quality" || lines.last?.stage == "dedup" {
                lines.append(LeadTrace.Line("match", "\(matchStatus!): \(matchReason ?? "")"))
            }
            lines += try await money(lead: id)
        }
        return LeadTrace(lines: lines)
    }

    /// Each allocation round: the outcome, rule version, eligible plumbers and why others were passed over.
    func allocation(lead: Int64) async throws -> [LeadTrace.Line] {
        var lines: [LeadTrace.Line] = []
        for row in try await session.rows("""
            SELECT round, rule_version, outcome, eligible, passed_over, not_covering FROM lead_matches WHERE lead_id = \(lead) ORDER BY round
            """) {
            let (round, version, outcome, eligible, passed, uncovered) = try row.decode((Int, String, String, [String], [String], Int).self)
            lines.append(LeadTrace.Line(round == 0 ? "match" : "rematch \(round)", "\(outcome) [\(version)]"))
            if !eligible.isEmpty { lines.append(LeadTrace.Line("  eligible", eligible.joined(separator: "; "))) }
            if !passed.isEmpty { lines.append(LeadTrace.Line("  passed over", passed.joined(separator: "; "))) }
            if uncovered > 0 { lines.append(LeadTrace.Line("  not covering", "\(uncovered) other plumber(s) do not serve the ZIP")) }
        }
        return lines
    }

    /// Each assignment's charge and credit.
    func money(lead: Int64) async throws -> [LeadTrace.Line] {
        var lines: [LeadTrace.Line] = []
        for row in try await session.rows("""
            SELECT p.external_id, p.business_name, a.status, a.released_reason, a.billing, a.shared, c.status, c.amount_cents, c.currency,
                   c.provider, c.provider_ref, c.failure_reason, cr.status, cr.amount_cents, cr.reason, cr.provider_ref
            FROM assignments a JOIN plumbers p ON p.id = a.plumber_id
            LEFT JOIN charges c ON c.assignment_id = a.id LEFT JOIN credits cr ON cr.assignment_id = a.id
            WHERE a.lead_id = \(lead) ORDER BY a.id
            """) {
            let (plumber, business, status, released, billing, shared, charge, cents, currency, provider, reference, failure, credit, credited, why, refund) =
                try row.decode((String, String, String, String?, String, Bool, String?, Int64?, String?, String?, String?, String?, String?, Int64?, String?, String?).self)
            var text = "\(plumber) \(business)\(shared ? " (shared)" : "")"
            if let charge, let cents, let currency {
                text += " · \(charge) \(Money(cents: cents, currency: currency).description)"
                text += billing == "included" ? " (included in the subscription)" : " via \(provider ?? "?")\(billing == "overage" ? " (meter event, overage)" : "")"
                if let reference { text += ", reference \(reference)" }
                if let failure { text += " · \(failure)" }
            } else {
                text += " · not billed yet"
            }
            if status == "released" { text += " · released: \(released ?? "")" }
            lines.append(LeadTrace.Line("charge", text))
            if let credit, let credited, let why {
                lines.append(LeadTrace.Line("credit", "\(credit) \(Money(cents: credited, currency: currency ?? "USD").description): \(why)" + (refund.map { ", reference \($0)" } ?? "")))
            }
        }
        return lines
    }
}
