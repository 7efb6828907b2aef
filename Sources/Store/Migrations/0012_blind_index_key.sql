-- The key the blind indexes (phone_bidx, email_bidx, lead_keys.key) were made under, by its id (never
-- the key). Dedup compares today's indexes with those stored for the whole window: indexes made under
-- another key match nothing, and repeats would be sold as new leads without a word. A run whose index
-- key differs from the one recorded here is refused. Recorded by the first run after this migration.
CREATE TABLE blind_index_key (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    key_id      text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
