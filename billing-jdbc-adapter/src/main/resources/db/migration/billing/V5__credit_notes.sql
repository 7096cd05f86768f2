-- Credit notes and the credit balance.
--
-- billing_credit_note: a credit note correcting an issued invoice, numbered in its own series
-- (series and sequence unique, as an invoice's), with the seller and buyer as the invoice printed
-- them, its totals, reason, memo and what the credit did (AMOUNT_DUE or BALANCE). It never changes.
-- billing_credit_note_line: its lines, each reversing the invoice line at position invoice_line
-- with that line's VAT treatment, country, rate and note.
-- billing_credit_entry: each company's credit balance per currency, one row per movement numbered
-- 1, 2, 3, ...; the primary key (company, currency, sequence) makes the second of two transactions
-- that append after the same entry fail, which the SDK runs again. balance is the balance after the
-- entry, never below zero.
CREATE TABLE billing_credit_note (
    id                     UUID PRIMARY KEY,
    root_company_id        UUID NOT NULL,
    company_id             UUID NOT NULL REFERENCES billing_company (id),
    series                 VARCHAR(32) NOT NULL,
    sequence_number        BIGINT NOT NULL,
    invoice_id             UUID NOT NULL REFERENCES billing_invoice (id),
    invoice_series         VARCHAR(32) NOT NULL,
    invoice_sequence       BIGINT NOT NULL,
    seller_name            VARCHAR(200) NOT NULL,
    seller_email           VARCHAR(254),
    seller_vat_number      VARCHAR(100),
    seller_line1           VARCHAR(200),
    seller_line2           VARCHAR(200),
    seller_postal_code     VARCHAR(20),
    seller_city            VARCHAR(100),
    seller_region          VARCHAR(100),
    seller_country         VARCHAR(2),
    buyer_name             VARCHAR(200) NOT NULL,
    buyer_email            VARCHAR(254),
    buyer_vat_number       VARCHAR(100),
    buyer_line1            VARCHAR(200),
    buyer_line2            VARCHAR(200),
    buyer_postal_code      VARCHAR(20),
    buyer_city             VARCHAR(100),
    buyer_region           VARCHAR(100),
    buyer_country          VARCHAR(2),
    currency               VARCHAR(3) NOT NULL,
    subtotal               NUMERIC(30, 10) NOT NULL,
    tax_amount             NUMERIC(30, 10) NOT NULL,
    total                  NUMERIC(30, 10) NOT NULL,
    reason                 VARCHAR(30) NOT NULL,
    memo                   VARCHAR(500),
    destination            VARCHAR(20) NOT NULL,
    issued_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_credit_note_number UNIQUE (series, sequence_number)
);
CREATE INDEX billing_credit_note_invoice ON billing_credit_note (invoice_id);
CREATE INDEX billing_credit_note_history ON billing_credit_note (company_id, issued_at, sequence_number, id);

CREATE TABLE billing_credit_note_line (
    credit_note_id  UUID NOT NULL REFERENCES billing_credit_note (id),
    line_number     INTEGER NOT NULL,
    root_company_id UUID NOT NULL,
    invoice_line    INTEGER NOT NULL,
    description     VARCHAR(200) NOT NULL,
    amount          NUMERIC(30, 10) NOT NULL,
    tax_treatment   VARCHAR(20) NOT NULL,
    tax_country     VARCHAR(2),
    tax_rate        NUMERIC(10, 4) NOT NULL,
    tax_amount      NUMERIC(30, 10) NOT NULL,
    tax_note        VARCHAR(500) NOT NULL,
    PRIMARY KEY (credit_note_id, line_number)
);

CREATE TABLE billing_credit_entry (
    company_id      UUID NOT NULL REFERENCES billing_company (id),
    currency        VARCHAR(3) NOT NULL,
    sequence_number BIGINT NOT NULL,
    root_company_id UUID NOT NULL,
    amount          NUMERIC(30, 10) NOT NULL,
    balance         NUMERIC(30, 10) NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    credit_note_id  UUID,
    invoice_id      UUID,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, currency, sequence_number),
    CONSTRAINT billing_credit_entry_balance CHECK (balance >= 0)
);
