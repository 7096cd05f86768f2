-- The billing SDK's schema, for PostgreSQL 14+ and H2 2.x (portable SQL only).
-- Every table that holds a customer's data carries root_company_id, the tenant: a host that
-- outgrows one database distributes these tables by it (see the README). The catalog and the
-- invoice counters are shared by all tenants (reference tables).

CREATE TABLE billing_company (
    id                   UUID PRIMARY KEY,
    root_company_id      UUID NOT NULL,
    parent_id            UUID REFERENCES billing_company (id),
    name                 VARCHAR(200) NOT NULL,
    main_email           VARCHAR(254) NOT NULL,
    billing_mode         VARCHAR(20) NOT NULL,
    billing_email        VARCHAR(254),
    vat_number           VARCHAR(40),
    billing_line1        VARCHAR(200),
    billing_line2        VARCHAR(200),
    billing_postal_code  VARCHAR(20),
    billing_city         VARCHAR(100),
    billing_region       VARCHAR(100),
    billing_country      VARCHAR(2),
    shipping_line1       VARCHAR(200),
    shipping_line2       VARCHAR(200),
    shipping_postal_code VARCHAR(20),
    shipping_city        VARCHAR(100),
    shipping_region      VARCHAR(100),
    shipping_country     VARCHAR(2),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT NOT NULL
);
CREATE INDEX billing_company_parent ON billing_company (parent_id);
CREATE INDEX billing_company_root ON billing_company (root_company_id);

CREATE TABLE billing_product (
    code        VARCHAR(64) PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    description VARCHAR(2000) NOT NULL
);

CREATE TABLE billing_plan (
    id              VARCHAR(64) PRIMARY KEY,
    product_code    VARCHAR(64) NOT NULL REFERENCES billing_product (code),
    price_amount    NUMERIC(30, 10) NOT NULL,
    price_currency  VARCHAR(3) NOT NULL,
    billing_interval VARCHAR(10) NOT NULL,
    trial_days      INTEGER NOT NULL,
    contract_months INTEGER NOT NULL
);
CREATE INDEX billing_plan_product ON billing_plan (product_code);

CREATE TABLE billing_subscription (
    id              UUID PRIMARY KEY,
    root_company_id UUID NOT NULL,
    company_id      UUID NOT NULL REFERENCES billing_company (id),
    plan_id         VARCHAR(64) NOT NULL REFERENCES billing_plan (id),
    state           VARCHAR(20) NOT NULL,
    environment_id  VARCHAR(200) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    billing_anchor  TIMESTAMP WITH TIME ZONE NOT NULL,
    trial_end       TIMESTAMP WITH TIME ZONE,
    contract_end    TIMESTAMP WITH TIME ZONE,
    paid_through    TIMESTAMP WITH TIME ZONE,
    cancel_at       TIMESTAMP WITH TIME ZONE,
    cancelled_at    TIMESTAMP WITH TIME ZONE,
    erasure         VARCHAR(20) NOT NULL,
    erased_at       TIMESTAMP WITH TIME ZONE,
    previous_id     UUID,
    successor_id    UUID,
    next_due_at     TIMESTAMP WITH TIME ZONE,
    version         BIGINT NOT NULL
);
CREATE INDEX billing_subscription_company ON billing_subscription (company_id, started_at);
CREATE INDEX billing_subscription_due ON billing_subscription (next_due_at, id);
CREATE INDEX billing_subscription_erasure ON billing_subscription (erasure, id);

CREATE TABLE billing_invoice (
    id                 UUID PRIMARY KEY,
    root_company_id    UUID NOT NULL,
    company_id         UUID NOT NULL REFERENCES billing_company (id),
    series             VARCHAR(32) NOT NULL,
    sequence_number    BIGINT NOT NULL,
    state              VARCHAR(20) NOT NULL,
    seller_name        VARCHAR(200) NOT NULL,
    seller_email       VARCHAR(254),
    seller_vat_number  VARCHAR(100),
    seller_line1       VARCHAR(200),
    seller_line2       VARCHAR(200),
    seller_postal_code VARCHAR(20),
    seller_city        VARCHAR(100),
    seller_region      VARCHAR(100),
    seller_country     VARCHAR(2),
    buyer_name         VARCHAR(200) NOT NULL,
    buyer_email        VARCHAR(254),
    buyer_vat_number   VARCHAR(100),
    buyer_line1        VARCHAR(200),
    buyer_line2        VARCHAR(200),
    buyer_postal_code  VARCHAR(20),
    buyer_city         VARCHAR(100),
    buyer_region       VARCHAR(100),
    buyer_country      VARCHAR(2),
    currency           VARCHAR(3) NOT NULL,
    subtotal           NUMERIC(30, 10) NOT NULL,
    tax_treatment      VARCHAR(20) NOT NULL,
    tax_country        VARCHAR(2),
    tax_rate           NUMERIC(10, 4) NOT NULL,
    tax_amount         NUMERIC(30, 10) NOT NULL,
    tax_note           VARCHAR(500) NOT NULL,
    total              NUMERIC(30, 10) NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at          TIMESTAMP WITH TIME ZONE,
    payment_attempts   INTEGER NOT NULL,
    next_payment_at    TIMESTAMP WITH TIME ZONE,
    version            BIGINT NOT NULL,
    CONSTRAINT billing_invoice_number UNIQUE (series, sequence_number)
);
CREATE INDEX billing_invoice_history ON billing_invoice (company_id, issued_at, id);
CREATE INDEX billing_invoice_payment_due ON billing_invoice (state, next_payment_at, id);

CREATE TABLE billing_invoice_line (
    invoice_id      UUID NOT NULL REFERENCES billing_invoice (id),
    line_number     INTEGER NOT NULL,
    root_company_id UUID NOT NULL,
    product_code    VARCHAR(64) NOT NULL,
    description     VARCHAR(200) NOT NULL,
    subscription_id UUID NOT NULL,
    plan_id         VARCHAR(64) NOT NULL,
    period_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end      TIMESTAMP WITH TIME ZONE NOT NULL,
    amount          NUMERIC(30, 10) NOT NULL,
    PRIMARY KEY (invoice_id, line_number),
    -- No period of a subscription is ever billed twice, whichever node bills it.
    CONSTRAINT billing_invoice_line_period UNIQUE (subscription_id, period_start)
);

CREATE TABLE billing_invoice_counter (
    series     VARCHAR(32) PRIMARY KEY,
    last_value BIGINT NOT NULL
);

CREATE TABLE billing_payment_method (
    id                 UUID PRIMARY KEY,
    root_company_id    UUID NOT NULL,
    company_id         UUID NOT NULL REFERENCES billing_company (id),
    provider_reference VARCHAR(255) NOT NULL,
    kind               VARCHAR(20) NOT NULL,
    card_brand         VARCHAR(100),
    card_exp_month     INTEGER,
    card_exp_year      INTEGER,
    sepa_bank_name     VARCHAR(200),
    sepa_mandate       VARCHAR(255),
    sepa_via_ideal     BOOLEAN,
    last4              VARCHAR(4) NOT NULL,
    is_default         BOOLEAN NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT NOT NULL
);
CREATE INDEX billing_payment_method_company ON billing_payment_method (company_id, created_at);
CREATE INDEX billing_payment_method_provider ON billing_payment_method (provider_reference);

CREATE TABLE billing_payment_setup (
    id                 UUID PRIMARY KEY,
    root_company_id    UUID NOT NULL,
    company_id         UUID NOT NULL REFERENCES billing_company (id),
    kind               VARCHAR(20) NOT NULL,
    provider_reference VARCHAR(255) NOT NULL,
    client_secret      VARCHAR(500) NOT NULL,
    redirect_url       VARCHAR(2000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A set-up's outcome once completed (the set-up itself, with its client secret, is deleted), so
-- that completing it again answers the method it added.
CREATE TABLE billing_payment_setup_completed (
    setup_id           UUID PRIMARY KEY,
    root_company_id    UUID NOT NULL,
    company_id         UUID NOT NULL REFERENCES billing_company (id),
    payment_method_id  UUID NOT NULL
);

CREATE TABLE billing_payment_customer (
    company_id         UUID PRIMARY KEY REFERENCES billing_company (id),
    root_company_id    UUID NOT NULL,
    customer_reference VARCHAR(255) NOT NULL
);

CREATE TABLE billing_payment (
    id                       UUID PRIMARY KEY,
    root_company_id          UUID NOT NULL,
    invoice_id               UUID NOT NULL REFERENCES billing_invoice (id),
    company_id               UUID NOT NULL,
    attempt                  INTEGER NOT NULL,
    idempotency_key          VARCHAR(255) NOT NULL,
    amount                   NUMERIC(30, 10) NOT NULL,
    currency                 VARCHAR(3) NOT NULL,
    payment_method_id        UUID,
    payment_method_reference VARCHAR(255),
    status                   VARCHAR(20) NOT NULL,
    provider_reference       VARCHAR(255),
    failure_code             VARCHAR(100),
    message                  VARCHAR(2000),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                  BIGINT NOT NULL,
    CONSTRAINT billing_payment_key UNIQUE (idempotency_key)
);
CREATE INDEX billing_payment_invoice ON billing_payment (invoice_id, attempt);

-- Audit and outbox rows of catalog changes belong to no tenant: root_company_id is then the nil UUID.
CREATE TABLE billing_audit (
    position        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id              UUID NOT NULL,
    root_company_id UUID NOT NULL,
    company_id      UUID,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    who             VARCHAR(200) NOT NULL,
    on_behalf_of    UUID,
    action          VARCHAR(100) NOT NULL,
    detail          VARCHAR(8000) NOT NULL
);
CREATE INDEX billing_audit_company ON billing_audit (company_id, at, position);

CREATE TABLE billing_outbox (
    position        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_id        UUID NOT NULL,
    root_company_id UUID NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    payload         VARCHAR(8000) NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_outbox_event UNIQUE (event_id)
);
