-- The billing history lists invoices newest first: by issue time, then by number sequence (of the
-- invoices a run issued at the same instant, the highest number first), then by id.
DROP INDEX billing_invoice_history;
CREATE INDEX billing_invoice_history ON billing_invoice (company_id, issued_at, sequence_number, id);
