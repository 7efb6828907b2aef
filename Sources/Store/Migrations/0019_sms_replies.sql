-- The STOP and START replies applied to the consent ledger, each once (by the provider's id), kept
-- with the consent rows they changed.
CREATE TABLE sms_replies (
    id           bigserial   PRIMARY KEY,
    reference    text        NOT NULL UNIQUE,
    plumber_id   bigint      NOT NULL REFERENCES plumbers(id),
    keyword      text        NOT NULL CHECK (keyword IN ('opt-out', 'opt-in')),
    received_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
