-- Fuzzy dedup. Each valid lead's blocking keys (exact phone and email; house number in its ZIP; sound-alike
-- names in its ZIP and in its phone's area code), each as the first 8 bytes of an HMAC blind index, never
-- in clear. Two leads are compared only when they share a key.
-- No foreign key to leads: the keys are written by the same COPY transaction as their leads, and leads
-- are never deleted (see 0004 for what a per-row RI check costs a bulk load).
CREATE TABLE lead_keys (
    key           bigint   NOT NULL,
    kind          smallint NOT NULL,
    lead_id       bigint   NOT NULL,
    business_date date     NOT NULL
);
CREATE INDEX lead_keys_by_key ON lead_keys (key);
-- Rows arrive in date order, so a block range index finds a day's keys for almost nothing.
CREATE INDEX lead_keys_by_date ON lead_keys USING brin (business_date);

-- A new job of someone who asked before within the window: the earlier lead.
ALTER TABLE leads ADD COLUMN related_to bigint REFERENCES leads(id);
