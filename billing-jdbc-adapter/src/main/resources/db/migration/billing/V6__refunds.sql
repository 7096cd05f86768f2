-- The refunds credit notes ask for: part or all of one succeeded payment given back under the
-- credit note's idempotency key (unique), with where it stands (REQUESTED until the provider
-- answers, PENDING, SUCCEEDED or FAILED), the provider's id of the refund, its code and message.
-- A payment may have several; refunds of a whole invoice made before (Invoices.refund) stay on
-- their payment row.
CREATE TABLE billing_refund (
    id               UUID PRIMARY KEY,
    root_company_id  UUID NOT NULL,
    company_id       UUID NOT NULL REFERENCES billing_company (id),
    credit_note_id   UUID NOT NULL REFERENCES billing_credit_note (id),
    invoice_id       UUID NOT NULL REFERENCES billing_invoice (id),
    payment_id       UUID NOT NULL REFERENCES billing_payment (id),
    charge_key       VARCHAR(255) NOT NULL,
    charge_reference VARCHAR(255) NOT NULL,
    amount           NUMERIC(30, 10) NOT NULL,
    currency         VARCHAR(3) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    reference        VARCHAR(255),
    failure_code     VARCHAR(100),
    message          VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT NOT NULL,
    CONSTRAINT billing_refund_key UNIQUE (idempotency_key)
);
CREATE INDEX billing_refund_invoice ON billing_refund (invoice_id);
CREATE INDEX billing_refund_requested ON billing_refund (status, updated_at);
