-- Invoices with several lines: each line keeps its quantity, its unit price and its own VAT
-- (treatment, country, rate, amount rounded on the line, note); the invoice keeps its VAT total,
-- the credit applied from the balance when it was issued, and what is still due.
--
-- Invoices written before this version have one line each, billed at one unit, and one VAT for the
-- invoice: the line takes that VAT. Were an invoice to have more lines, its first line (number 0)
-- takes the invoice's VAT amount and the others the same treatment and rate with no VAT, so that
-- the lines still add up to the invoice.
ALTER TABLE billing_invoice_line ADD COLUMN quantity INTEGER;
ALTER TABLE billing_invoice_line ADD COLUMN unit_price NUMERIC(30, 10);
ALTER TABLE billing_invoice_line ADD COLUMN tax_treatment VARCHAR(20);
ALTER TABLE billing_invoice_line ADD COLUMN tax_country VARCHAR(2);
ALTER TABLE billing_invoice_line ADD COLUMN tax_rate NUMERIC(10, 4);
ALTER TABLE billing_invoice_line ADD COLUMN tax_amount NUMERIC(30, 10);
ALTER TABLE billing_invoice_line ADD COLUMN tax_note VARCHAR(500);

UPDATE billing_invoice_line SET
    quantity = 1,
    unit_price = amount,
    tax_treatment = (SELECT i.tax_treatment FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id),
    tax_country = (SELECT i.tax_country FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id),
    tax_rate = (SELECT i.tax_rate FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id),
    tax_amount = CASE WHEN line_number = 0
        THEN (SELECT i.tax_amount FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id)
        ELSE 0 END,
    tax_note = (SELECT i.tax_note FROM billing_invoice i WHERE i.id = billing_invoice_line.invoice_id);

ALTER TABLE billing_invoice_line ALTER COLUMN quantity SET NOT NULL;
ALTER TABLE billing_invoice_line ALTER COLUMN unit_price SET NOT NULL;
ALTER TABLE billing_invoice_line ALTER COLUMN tax_treatment SET NOT NULL;
ALTER TABLE billing_invoice_line ALTER COLUMN tax_rate SET NOT NULL;
ALTER TABLE billing_invoice_line ALTER COLUMN tax_amount SET NOT NULL;
ALTER TABLE billing_invoice_line ALTER COLUMN tax_note SET NOT NULL;

-- The invoice's tax_amount stays, as the sum of its lines' VAT; the per-invoice treatment, country,
-- rate and note now live on the lines.
ALTER TABLE billing_invoice DROP COLUMN tax_treatment;
ALTER TABLE billing_invoice DROP COLUMN tax_country;
ALTER TABLE billing_invoice DROP COLUMN tax_rate;
ALTER TABLE billing_invoice DROP COLUMN tax_note;

-- Nothing was settled from a credit balance before this version; an open or uncollectible invoice
-- still owes its total, a paid or void one nothing.
ALTER TABLE billing_invoice ADD COLUMN credit_applied NUMERIC(30, 10) DEFAULT 0 NOT NULL;
ALTER TABLE billing_invoice ADD COLUMN amount_due NUMERIC(30, 10);
UPDATE billing_invoice SET amount_due = CASE WHEN state IN ('OPEN', 'UNCOLLECTIBLE') THEN total ELSE 0 END;
ALTER TABLE billing_invoice ALTER COLUMN amount_due SET NOT NULL;
