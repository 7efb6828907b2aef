-- Core tables. PII columns (*_enc) hold AES-GCM ciphertext with a key id; *_bidx hold HMAC blind indexes.

CREATE TABLE pipeline_runs (
    id            bigserial PRIMARY KEY,
    pipeline      text        NOT NULL,
    business_date date        NOT NULL,
    status        text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    attempts      integer     NOT NULL DEFAULT 1,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    last_error    text,
    UNIQUE (pipeline, business_date)
);

CREATE TABLE stage_runs (
    id            bigserial PRIMARY KEY,
    run_id        bigint      NOT NULL REFERENCES pipeline_runs(id),
    stage         text        NOT NULL,
    position      integer     NOT NULL,
    status        text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts      integer     NOT NULL DEFAULT 0,
    chunks        integer     NOT NULL DEFAULT 0,
    rows_in       bigint      NOT NULL DEFAULT 0,
    rows_out      bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint      NOT NULL DEFAULT 0,
    elapsed_ms    bigint      NOT NULL DEFAULT 0,
    started_at    timestamptz,
    finished_at   timestamptz,
    last_error    text,
    UNIQUE (run_id, stage)
);

CREATE TABLE source_files (
    id            bigserial PRIMARY KEY,
    sha256        bytea       NOT NULL UNIQUE,
    name          text        NOT NULL,
    format        text,
    size_bytes    bigint      NOT NULL,
    business_date date        NOT NULL,
    run_id        bigint      REFERENCES pipeline_runs(id),
    status        text        NOT NULL CHECK (status IN ('loaded', 'failed')),
    error         text,
    rows_read     bigint      NOT NULL DEFAULT 0,
    rows_loaded   bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint      NOT NULL DEFAULT 0,
    rows_repeated bigint      NOT NULL DEFAULT 0,
    ingested_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE raw_leads (
    id               bigserial PRIMARY KEY,
    source_file_id   bigint      NOT NULL REFERENCES source_files(id),
    line_no          integer     NOT NULL,
    platform         text        NOT NULL,
    platform_lead_id text        NOT NULL,
    business_date    date        NOT NULL,
    created_at       timestamptz,
    campaign_id      text,
    campaign_name    text,
    form_id          text,
    is_test          boolean     NOT NULL,
    payload_enc      bytea       NOT NULL,
    UNIQUE (platform, platform_lead_id)
);
CREATE INDEX raw_leads_by_date ON raw_leads (business_date, id);

-- A lead seen again in another file (same platform id): recorded, not stored twice.
CREATE TABLE raw_lead_sightings (
    raw_lead_id    bigint  NOT NULL REFERENCES raw_leads(id),
    source_file_id bigint  NOT NULL REFERENCES source_files(id),
    line_no        integer NOT NULL,
    PRIMARY KEY (raw_lead_id, source_file_id, line_no)
);

CREATE TABLE rejected_rows (
    id             bigserial PRIMARY KEY,
    source_file_id bigint  NOT NULL REFERENCES source_files(id),
    line_no        integer NOT NULL,
    reason         text    NOT NULL,
    raw_enc        bytea   NOT NULL
);
CREATE INDEX rejected_rows_by_file ON rejected_rows (source_file_id);

CREATE TABLE leads (
    id            bigserial PRIMARY KEY,
    raw_lead_id   bigint      NOT NULL UNIQUE REFERENCES raw_leads(id),
    business_date date        NOT NULL,
    platform      text        NOT NULL,
    name_enc      bytea,
    phone_enc     bytea,
    email_enc     bytea,
    street_enc    bytea,
    phone_bidx    bytea,
    email_bidx    bytea,
    city          text,
    state         text,
    zip           text,
    service       text        NOT NULL,
    urgency       text        NOT NULL,
    valid         boolean     NOT NULL,
    problems      text[]      NOT NULL DEFAULT '{}',
    notes         text[]      NOT NULL DEFAULT '{}',
    -- dedup: NULL until decided; then 'unique' or 'duplicate'
    dedup_status  text        CHECK (dedup_status IN ('unique', 'duplicate')),
    duplicate_of  bigint      REFERENCES leads(id),
    dedup_reason  text,
    -- match: NULL until decided; then 'assigned' or 'unsold'
    match_status  text        CHECK (match_status IN ('assigned', 'unsold')),
    match_reason  text,
    enriched_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leads_by_date ON leads (business_date, id);
CREATE INDEX leads_by_phone ON leads (phone_bidx, business_date) WHERE phone_bidx IS NOT NULL;
CREATE INDEX leads_by_email ON leads (email_bidx, business_date) WHERE email_bidx IS NOT NULL;

CREATE TABLE campaign_spend (
    id             bigserial PRIMARY KEY,
    source_file_id bigint  NOT NULL REFERENCES source_files(id),
    platform       text    NOT NULL,
    campaign_id    text,
    campaign_name  text    NOT NULL,
    day            date    NOT NULL,
    currency       text    NOT NULL,
    cost_cents     bigint  NOT NULL,
    impressions    bigint  NOT NULL,
    clicks         bigint  NOT NULL,
    UNIQUE (platform, campaign_name, day)
);

CREATE TABLE plumbers (
    id            bigserial PRIMARY KEY,
    external_id   text        NOT NULL UNIQUE,
    business_name text        NOT NULL,
    email_enc     bytea       NOT NULL,
    mobile_enc    bytea       NOT NULL,
    zips          text[]      NOT NULL,
    services      text[]      NOT NULL,
    daily_cap     integer     NOT NULL CHECK (daily_cap >= 0),
    active        boolean     NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assignments (
    id            bigserial PRIMARY KEY,
    lead_id       bigint      NOT NULL UNIQUE REFERENCES leads(id),
    plumber_id    bigint      NOT NULL REFERENCES plumbers(id),
    business_date date        NOT NULL,
    price_cents   bigint      NOT NULL,
    currency      text        NOT NULL,
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_by_plumber ON assignments (plumber_id, business_date);

-- The charge ledger: a row is written (pending) before the provider is called.
CREATE TABLE charges (
    id              bigserial PRIMARY KEY,
    assignment_id   bigint      NOT NULL UNIQUE REFERENCES assignments(id),
    plumber_id      bigint      NOT NULL REFERENCES plumbers(id),
    business_date   date        NOT NULL,
    amount_cents    bigint      NOT NULL,
    currency        text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    provider        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined')),
    provider_ref    text,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    settled_at      timestamptz
);

-- The notification outbox: a row is written (pending) before anything is sent.
CREATE TABLE notifications (
    id              bigserial PRIMARY KEY,
    plumber_id      bigint      NOT NULL REFERENCES plumbers(id),
    business_date   date        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('email', 'sms')),
    idempotency_key text        NOT NULL UNIQUE,
    assignment_id   bigint      REFERENCES assignments(id),
    status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'maybe_sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
