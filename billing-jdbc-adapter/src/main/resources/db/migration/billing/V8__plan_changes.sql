-- Changes of plan and quantity. A subscription may have a change scheduled for a date: the plan
-- and quantity it takes then (no row written before this version has one).
ALTER TABLE billing_subscription ADD COLUMN change_plan_id VARCHAR(64);
ALTER TABLE billing_subscription ADD COLUMN change_quantity INTEGER;
ALTER TABLE billing_subscription ADD COLUMN change_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE billing_subscription ADD CONSTRAINT billing_subscription_change_plan
    FOREIGN KEY (change_plan_id) REFERENCES billing_plan (id);

-- An invoice line bills a period (PERIOD), or prorates a change in one: the credit for the unused
-- time of what was charged (UNUSED_TIME, below zero) and the charge for the rest of the period
-- (REMAINING_TIME). Only a period's line is keyed by its subscription and start, so that no period
-- is billed twice whichever node bills it, while a change may prorate the same period again;
-- billed_period_start is its start for a PERIOD line and empty for the others. Every line written
-- before this version bills a period.
ALTER TABLE billing_invoice_line ADD COLUMN kind VARCHAR(20) DEFAULT 'PERIOD' NOT NULL;
ALTER TABLE billing_invoice_line ADD COLUMN billed_period_start TIMESTAMP WITH TIME ZONE;
UPDATE billing_invoice_line SET billed_period_start = period_start;
ALTER TABLE billing_invoice_line DROP CONSTRAINT billing_invoice_line_period;
ALTER TABLE billing_invoice_line ADD CONSTRAINT billing_invoice_line_period
    UNIQUE (subscription_id, billed_period_start);

-- A change reads the lines that bill a subscription up to the end of the period it is made in.
CREATE INDEX billing_invoice_line_period_end ON billing_invoice_line (subscription_id, period_end);
