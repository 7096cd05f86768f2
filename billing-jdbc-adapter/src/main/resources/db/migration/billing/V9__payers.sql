-- A company's payer: the ancestor that pays for its subscriptions, or empty when it pays for itself
-- (every company written before this version).
ALTER TABLE billing_company ADD COLUMN payer_id UUID;
ALTER TABLE billing_company ADD CONSTRAINT billing_company_payer
    FOREIGN KEY (payer_id) REFERENCES billing_company (id);
CREATE INDEX billing_company_payer ON billing_company (payer_id);

-- An invoice line names the company whose subscription it bills, with its name when it was issued:
-- the invoice's own company, or a company its payer is billed for. Every line written before this
-- version is for its invoice's company.
ALTER TABLE billing_invoice_line ADD COLUMN company_id UUID;
ALTER TABLE billing_invoice_line ADD COLUMN company_name VARCHAR(200);
UPDATE billing_invoice_line SET
    company_id = (SELECT i.company_id FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id),
    company_name = (SELECT i.buyer_name FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id);
