-- The VAT number a check concerns, kept beside it, so that a number changed outside the SDK never
-- takes over another number's evidence (the adapter then reads the company without a check); and a
-- constraint that holds each status to the fields it has.
ALTER TABLE billing_company ADD COLUMN vat_checked_number VARCHAR(40);
UPDATE billing_company SET vat_checked_number = vat_number WHERE vat_check_status IS NOT NULL;
ALTER TABLE billing_company DROP CONSTRAINT billing_company_vat_check;
ALTER TABLE billing_company ADD CONSTRAINT billing_company_vat_check CHECK (
    (vat_check_status IS NULL AND vat_checked_at IS NULL AND vat_checked_number IS NULL
        AND vat_consultation IS NULL AND vat_registered_name IS NULL AND vat_registered_address IS NULL
        AND vat_check_failure IS NULL)
    OR (vat_check_status IN ('VALID', 'INVALID') AND vat_checked_at IS NOT NULL
        AND vat_checked_number IS NOT NULL AND vat_check_failure IS NULL)
    OR (vat_check_status = 'UNAVAILABLE' AND vat_checked_at IS NOT NULL AND vat_checked_number IS NOT NULL
        AND vat_check_failure IS NOT NULL AND vat_consultation IS NULL AND vat_registered_name IS NULL
        AND vat_registered_address IS NULL));
