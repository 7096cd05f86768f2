-- A payer's billing day: the day of the month (1 to 28) its subscriptions' periods start on, billed
-- on one consolidated invoice; empty for none (every company written before this version).
ALTER TABLE billing_company ADD COLUMN billing_day SMALLINT;
ALTER TABLE billing_company ADD CONSTRAINT billing_company_billing_day
    CHECK (billing_day BETWEEN 1 AND 28);
CREATE INDEX billing_company_billing_day ON billing_company (billing_day, id);
