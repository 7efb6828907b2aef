-- Match decisions live in lead_matches only. Writing them a second time as leads.match_status and
-- match_reason was an UPDATE of the wide leads row with its indexes: 5.2 s of a 12 s match of 179,223
-- leads (plumberleads bench --leads 200000). A lead is decided once it has its round-0 row, assigned
-- while an active assignment holds it, unsold otherwise; its reason is the latest round's outcome.

-- Leads decided before lead_matches existed keep their status and reason as a round-0 row.
INSERT INTO lead_matches (lead_id, round, business_date, rule_version, outcome, unsold_kind, eligible, passed_over, not_covering)
SELECT l.id, 0, l.business_date, 'before policy 1', COALESCE(l.match_reason, l.match_status),
       CASE WHEN l.match_status = 'unsold' THEN 'unknown' END, '{}', '{}', 0
FROM leads l
WHERE l.match_status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lead_matches m WHERE m.lead_id = l.id);

DROP INDEX leads_awaiting_match;
ALTER TABLE leads DROP COLUMN match_status, DROP COLUMN match_reason;
-- Decisions arrive in date order: a block range index finds a day's for almost nothing.
CREATE INDEX lead_matches_by_date ON lead_matches USING brin (business_date);

CREATE VIEW lead_match_status AS
SELECT d.lead_id, d.business_date,
       CASE WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.lead_id = d.lead_id AND a.status = 'active')
            THEN 'assigned' ELSE 'unsold' END AS status,
       last.outcome AS reason, last.unsold_kind
FROM lead_matches d
JOIN LATERAL (SELECT outcome, unsold_kind FROM lead_matches x WHERE x.lead_id = d.lead_id ORDER BY x.round DESC LIMIT 1) last ON true
WHERE d.round = 0;
