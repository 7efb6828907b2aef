-- The report server's own state: accounts, sessions, failed logins and invites. The server writes
-- these tables and the plumbers' inbox below, and no business table.
CREATE TABLE server_users (
    id            bigserial   PRIMARY KEY,
    -- The sign-in email, encrypted, and its blind index (lowercased) for finding the account.
    email_enc     bytea       NOT NULL,
    email_bidx    bytea       NOT NULL UNIQUE,
    role          text        NOT NULL CHECK (role IN ('admin', 'plumber')),
    plumber_id    bigint      REFERENCES plumbers(id),
    -- bcrypt; NULL until the invite is used.
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz,
    CHECK ((role = 'plumber') = (plumber_id IS NOT NULL))
);

-- A session is a random token in a cookie; only its SHA-256 is stored. Ended by logout, by the idle or
-- absolute limit (checked against last_seen_at and created_at), or by disabling the account.
CREATE TABLE server_sessions (
    token_hash   bytea       PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES server_users(id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX server_sessions_by_user ON server_sessions (user_id);

-- Failed logins, for throttling: the account tried and the client address, both as blind indexes.
CREATE TABLE login_failures (
    at           timestamptz NOT NULL,
    account_bidx bytea       NOT NULL,
    address_bidx bytea       NOT NULL
);
CREATE INDEX login_failures_by_account ON login_failures (account_bidx, at);
CREATE INDEX login_failures_by_address ON login_failures (address_bidx, at);

-- An invite: a single-use link to set a password; only the token's SHA-256 is stored.
CREATE TABLE server_invites (
    token_hash bytea       PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES server_users(id),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

-- What plumbers tell us from a digest's signed links or their pages: append-only (a trigger refuses
-- changes), judged by the next batch by the same rules as an ops import.
CREATE TABLE plumber_inbox (
    id            bigserial   PRIMARY KEY,
    received_at   timestamptz NOT NULL,
    plumber_id    bigint      NOT NULL REFERENCES plumbers(id),
    kind          text        NOT NULL CHECK (kind IN ('won', 'no_answer', 'wrong_number', 'credit_request', 'unsubscribe')),
    -- The sale a lead's link names; NULL for an unsubscribe.
    assignment_id bigint      REFERENCES assignments(id),
    -- How it came: a signed link from an email, a page of a logged-in plumber, or a mailbox's one-click POST.
    via           text        NOT NULL CHECK (via IN ('link', 'page', 'one_click')),
    -- The signed link's expiry, when one was used.
    link_expires  timestamptz,
    -- A credit request's reason code (one of pipelines/returns.yml's), as the plumber chose it.
    reason_code   text,
    note_enc      bytea,
    CHECK ((kind = 'unsubscribe') = (assignment_id IS NULL)),
    CHECK ((kind = 'credit_request') = (reason_code IS NOT NULL))
);
CREATE INDEX plumber_inbox_by_plumber ON plumber_inbox (plumber_id, received_at);

CREATE FUNCTION plumber_inbox_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'plumber_inbox is append-only';
END;
$$;
CREATE TRIGGER plumber_inbox_append_only BEFORE UPDATE OR DELETE ON plumber_inbox
    FOR EACH ROW EXECUTE FUNCTION plumber_inbox_is_append_only();

-- What the batch made of each inbox entry (the inbox itself never changes): a credit request judged by
-- the return rules, an unsubscribe applied, an outcome noted.
CREATE TABLE inbox_judgements (
    inbox_id   bigint      PRIMARY KEY REFERENCES plumber_inbox(id),
    judged_at  timestamptz NOT NULL,
    outcome    text        NOT NULL
);
