-- Fuzzy dedup.
--
-- lead_keys: each valid lead's blocking keys (exact phone and email; house number in its ZIP; sound-alike
-- names in its ZIP and in its phone's area code), each as the first 8 bytes of an HMAC blind index, never
-- in clear. Two leads are compared only when they share a key.
CREATE TABLE lead_keys (
    key           bigint   NOT NULL,
    kind          smallint NOT NULL,
    lead_id       bigint   NOT NULL,
    business_date date     NOT NULL
);
-- Rows arrive in date order, so a block range index finds the window's keys for almost nothing. There is
-- deliberately no index on key: dedup joins the day's keys with the window's by hashing (one pass over
-- each), and a btree on random 64-bit keys cost more to maintain during enrich (4.5 s per 200,000 leads
-- here) than the hash join costs to read the window.
CREATE INDEX lead_keys_by_date ON lead_keys USING brin (business_date);

-- lead_dedup: dedup's decision for each valid lead it compared with an earlier one, appended by COPY. A
-- valid lead with no row, once dedup is done for its day, shared no blocking key with an earlier lead:
-- unique, nothing to say (most leads — writing a row for each cost 9 s per million). The decisions used
-- to be three columns of leads, but an UPDATE of that wide row with its seven indexes cost about 80 µs
-- a lead. related_to links a person's new job to their earlier lead.
CREATE TABLE lead_dedup (
    lead_id       bigint PRIMARY KEY,
    business_date date   NOT NULL,
    status        text   NOT NULL CHECK (status IN ('unique', 'duplicate')),
    duplicate_of  bigint,
    related_to    bigint,
    -- true when the same phone or email tied it (false: name, address and typo-close contact data)
    exact_contact boolean NOT NULL DEFAULT false,
    reason        text   NOT NULL
);
CREATE INDEX lead_dedup_by_date ON lead_dedup USING brin (business_date);
-- No foreign keys on lead_keys and lead_dedup: both are written in bulk for leads that exist (the same
-- transaction, or a later stage) and leads are never deleted (see 0004 for what a per-row check costs).

INSERT INTO lead_dedup (lead_id, business_date, status, duplicate_of, reason)
SELECT id, business_date, dedup_status, duplicate_of, COALESCE(dedup_reason, '') FROM leads WHERE dedup_status = 'duplicate';

DROP INDEX leads_awaiting_dedup;
DROP INDEX leads_awaiting_match;
ALTER TABLE leads DROP COLUMN dedup_status, DROP COLUMN duplicate_of, DROP COLUMN dedup_reason;
CREATE INDEX leads_awaiting_match ON leads (business_date, id) WHERE valid AND match_status IS NULL;
