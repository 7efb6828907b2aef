-- A digest holds the charged leads it was made for. Before, a digest was "the plumber's charged leads of
-- the day" read at send time, one per plumber and day: leads charged after it went out (a late export
-- taken with `run --rerun ingest`) were in no digest, though the plumber paid for them. Each charged
-- assignment is now in exactly one digest (the UNIQUE below); what is charged after a day's digest goes
-- into a follow-up digest of that day.
CREATE TABLE digest_items (
    notification_id bigint NOT NULL REFERENCES notifications(id),
    assignment_id   bigint NOT NULL UNIQUE REFERENCES assignments(id),
    PRIMARY KEY (notification_id, assignment_id)
);

-- Digests made before: they held every lead the plumber was charged for that day when they were made.
INSERT INTO digest_items (notification_id, assignment_id)
SELECT DISTINCT ON (a.id) n.id, a.id
FROM notifications n
JOIN charges c ON c.plumber_id = n.plumber_id AND c.business_date = n.business_date AND c.status = 'succeeded'
JOIN assignments a ON a.id = c.assignment_id
WHERE n.channel = 'email'
ORDER BY a.id, n.id;
