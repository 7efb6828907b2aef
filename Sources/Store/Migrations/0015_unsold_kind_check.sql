-- Why a lead went unsold, as a closed set (`UnsoldKind`): a value the code does not know is refused.
ALTER TABLE lead_matches ADD CONSTRAINT lead_matches_unsold_kind_check CHECK (unsold_kind IN (
    'no coverage', 'service not offered', 'declined, no one else', 'everyone paused', 'everyone capped',
    'everyone out of budget', 'no card on file', 'everyone paused, capped or out of budget'));
