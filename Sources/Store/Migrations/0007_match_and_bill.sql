-- Match and bill: the roster's rules, shared leads, allocation records, subscription billing, credits.

ALTER TABLE plumbers
    ADD COLUMN base_zip              text,
    ADD COLUMN radius_miles          integer NOT NULL DEFAULT 0 CHECK (radius_miles >= 0),
    ADD COLUMN hours                 text    NOT NULL DEFAULT '',
    ADD COLUMN time_zone             text    NOT NULL DEFAULT 'America/Chicago',
    ADD COLUMN weekly_cap            integer CHECK (weekly_cap > 0),
    ADD COLUMN monthly_budget_cents  bigint  CHECK (monthly_budget_cents >= 0),
    ADD COLUMN plan                  text    NOT NULL DEFAULT 'per_lead' CHECK (plan IN ('per_lead', 'subscription')),
    ADD COLUMN included_leads        integer NOT NULL DEFAULT 0 CHECK (included_leads >= 0),
    ADD COLUMN overage_cents         bigint  CHECK (overage_cents >= 0),
    ADD COLUMN accepts_shared        boolean NOT NULL DEFAULT false,
    ADD COLUMN tier                  integer NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 9),
    ADD COLUMN stripe_customer       text,
    ADD COLUMN stripe_payment_method text,
    -- Set when the card on file was declined; cleared when the roster brings another payment method.
    ADD COLUMN card_failure          text,
    ADD COLUMN card_failed_at        timestamptz;

-- A lead may go to several plumbers (shared), and an assignment whose charge was declined is released
-- (kept, for the record) while the lead goes to the next eligible plumber.
ALTER TABLE assignments DROP CONSTRAINT assignments_lead_id_key;
ALTER TABLE assignments
    ADD CONSTRAINT assignments_lead_plumber UNIQUE (lead_id, plumber_id),
    ADD COLUMN shared          boolean NOT NULL DEFAULT false,
    -- charge: a card charge at price_cents; included: in the subscription (price 0); overage: a meter event
    ADD COLUMN billing         text    NOT NULL DEFAULT 'charge' CHECK (billing IN ('charge', 'included', 'overage')),
    ADD COLUMN round           integer NOT NULL DEFAULT 0,
    ADD COLUMN status          text    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
    ADD COLUMN released_reason text;
CREATE INDEX assignments_by_lead ON assignments (lead_id);

-- Why each lead went where it went: round 0 is the match stage's decision, round n the n-th reallocation
-- after a declined card. Eligible plumbers in rank order with their standing; the plumbers covering the
-- address who could not take it, each with the reason; how many others do not cover it.
CREATE TABLE lead_matches (
    lead_id       bigint  NOT NULL,
    round         integer NOT NULL,
    business_date date    NOT NULL,
    rule_version  text    NOT NULL,
    outcome       text    NOT NULL,
    -- for an unsold lead: no coverage, service not offered, everyone capped, everyone out of budget, …
    unsold_kind   text,
    eligible      text[]  NOT NULL,
    passed_over   text[]  NOT NULL,
    not_covering  integer NOT NULL,
    PRIMARY KEY (lead_id, round)
);

ALTER TABLE charges DROP CONSTRAINT charges_status_check;
ALTER TABLE charges
    ADD CONSTRAINT charges_status_check CHECK (status IN ('pending', 'succeeded', 'declined')),
    -- payment_intent: an off-session card charge; meter_event: subscription overage; included: no money moves
    ADD COLUMN method           text    NOT NULL DEFAULT 'payment_intent' CHECK (method IN ('payment_intent', 'meter_event', 'included')),
    ADD COLUMN attempts         integer NOT NULL DEFAULT 0,
    -- committed before the first request: an unknown outcome older than Stripe keeps keys is looked up first
    ADD COLUMN first_attempt_at timestamptz,
    ADD COLUMN failure_code     text;

-- Credits: money (or an included lead) given back for an assignment, with the reason. A refund of a card
-- charge goes through the provider with its own idempotency key (pending until it answers); a credit for an
-- included lead or a meter event moves no money here (credited).
CREATE TABLE credits (
    id              bigserial   PRIMARY KEY,
    assignment_id   bigint      NOT NULL UNIQUE REFERENCES assignments(id),
    plumber_id      bigint      NOT NULL REFERENCES plumbers(id),
    business_date   date        NOT NULL,
    source          text        NOT NULL CHECK (source IN ('automatic', 'return')),
    reason_code     text        NOT NULL,
    reason          text        NOT NULL,
    amount_cents    bigint      NOT NULL CHECK (amount_cents >= 0),
    currency        text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    status          text        NOT NULL CHECK (status IN ('pending', 'refunded', 'credited', 'failed')),
    provider_ref    text,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    settled_at      timestamptz
);
CREATE INDEX credits_by_plumber ON credits (plumber_id, business_date);

-- Return requests ops import from plumbers, each judged by the rules in pipelines/returns.yml.
CREATE TABLE return_requests (
    id            bigserial   PRIMARY KEY,
    plumber_id    bigint      NOT NULL REFERENCES plumbers(id),
    lead_id       bigint      NOT NULL REFERENCES leads(id),
    reason_code   text        NOT NULL,
    note_enc      bytea,
    source_file   text        NOT NULL,
    line_no       integer     NOT NULL,
    decision      text        NOT NULL CHECK (decision IN ('accepted', 'refused')),
    decision_reason text      NOT NULL,
    credit_id     bigint      REFERENCES credits(id),
    received_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plumber_id, lead_id)
);

-- Earlier leads that a later lead showed to be the same person and job (it matched both): lead_id was a
-- duplicate of duplicate_of all along. A plumber who bought both is credited the later one.
CREATE TABLE late_duplicates (
    lead_id       bigint NOT NULL,
    duplicate_of  bigint NOT NULL,
    found_by      bigint NOT NULL,
    business_date date   NOT NULL,
    PRIMARY KEY (lead_id, duplicate_of)
);
