-- Reads over a company and its descendants that cost their page, not the tree.
-- The portal's list walks a tenant's companies by name (then id) and each company's subscriptions
-- by start (then id), and counts a tenant's subscriptions by state; the billing history walks a
-- tenant's invoices and credit notes newest first. IF NOT EXISTS: a host with large tables may
-- build the indexes beforehand with CREATE INDEX CONCURRENTLY under these names.
CREATE INDEX IF NOT EXISTS billing_company_tenant_name ON billing_company (root_company_id, name, id);
CREATE INDEX IF NOT EXISTS billing_subscription_company_start
    ON billing_subscription (company_id, started_at, id);
DROP INDEX IF EXISTS billing_subscription_company;
CREATE INDEX IF NOT EXISTS billing_subscription_tenant ON billing_subscription (root_company_id);
CREATE INDEX IF NOT EXISTS billing_invoice_tenant_history
    ON billing_invoice (root_company_id, issued_at, sequence_number, id);
CREATE INDEX IF NOT EXISTS billing_credit_note_tenant_history
    ON billing_credit_note (root_company_id, issued_at, sequence_number, id);
