-- Who last set a plumber's status. `active` is the status matching uses; `roster_active` is what the
-- roster CSV said at its last import. An import changes `active` only when the roster's own status
-- changed, so `plumberleads plumbers pause` survives re-imports of an unchanged roster: the latest
-- change wins, whoever made it.
ALTER TABLE plumbers
    ADD COLUMN roster_active     boolean,
    ADD COLUMN status_set_by     text NOT NULL DEFAULT 'roster' CHECK (status_set_by IN ('roster', 'ops')),
    ADD COLUMN status_set_at     timestamptz;
UPDATE plumbers SET roster_active = active, status_set_at = updated_at;
ALTER TABLE plumbers ALTER COLUMN roster_active SET NOT NULL;
