-- SMS consent, kept as a ledger: who agreed, when, how, to which version of the consent text, and
-- when they revoked it. Rows are never deleted (keep at least four years; the TCPA's limit for claims).
CREATE TABLE sms_consents (
    id            bigserial   PRIMARY KEY,
    plumber_id    bigint      NOT NULL REFERENCES plumbers(id),
    consented_at  timestamptz NOT NULL,
    source        text        NOT NULL CHECK (source <> ''),
    text_version  text        NOT NULL CHECK (text_version <> ''),
    revoked_at    timestamptz,
    revoked_by    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (revoked_at IS NULL OR revoked_at >= consented_at)
);
CREATE INDEX sms_consents_plumber ON sms_consents (plumber_id, consented_at DESC);
-- One consent in force per plumber at a time.
CREATE UNIQUE INDEX sms_consents_one_active ON sms_consents (plumber_id) WHERE revoked_at IS NULL;

-- A text cannot exist without the consent it relies on: the constraint, not an `if`, keeps it so.
ALTER TABLE notifications ADD COLUMN consent_id bigint REFERENCES sms_consents(id);
-- Texts queued before consent was recorded keep their history; every new one needs its consent.
ALTER TABLE notifications ADD CONSTRAINT notifications_sms_consent CHECK (channel <> 'sms' OR consent_id IS NOT NULL) NOT VALID;

-- A text outside the recipient's texting hours is withheld: the day's digest carries the lead instead.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'maybe_sent', 'failed', 'withheld'));

-- The hours a plumber wants urgent texts in (`alert_hours` in the roster), narrowing the legal window.
ALTER TABLE plumbers ADD COLUMN alert_hours text NOT NULL DEFAULT '';
