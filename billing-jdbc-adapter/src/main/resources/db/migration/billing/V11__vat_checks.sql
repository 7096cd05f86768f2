-- What the register (VIES) last answered about a company's VAT number, kept as evidence: VALID,
-- INVALID or UNAVAILABLE, when, the consultation number, the registered name and address, and the
-- register's error code when it gave no answer. Empty when it was not asked (every company written
-- before this version, and every company of a host without a verifier).
ALTER TABLE billing_company ADD COLUMN vat_check_status VARCHAR(12);
ALTER TABLE billing_company ADD COLUMN vat_checked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE billing_company ADD COLUMN vat_consultation VARCHAR(100);
ALTER TABLE billing_company ADD COLUMN vat_registered_name VARCHAR(1000);
ALTER TABLE billing_company ADD COLUMN vat_registered_address VARCHAR(1000);
ALTER TABLE billing_company ADD COLUMN vat_check_failure VARCHAR(100);
ALTER TABLE billing_company ADD CONSTRAINT billing_company_vat_check
    CHECK (vat_check_status IN ('VALID', 'INVALID', 'UNAVAILABLE')
        AND vat_checked_at IS NOT NULL AND vat_number IS NOT NULL
        OR vat_check_status IS NULL AND vat_checked_at IS NULL);
