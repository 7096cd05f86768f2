-- Quantities: a plan's price is per unit (seat, endpoint), and it may bound how many units a
-- subscription has (max_quantity 0: no maximum); a subscription is for a quantity of units.
-- Plans and subscriptions written before this version are for any quantity, and for one unit.
ALTER TABLE billing_plan ADD COLUMN min_quantity INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE billing_plan ADD COLUMN max_quantity INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE billing_subscription ADD COLUMN quantity INTEGER DEFAULT 1 NOT NULL;
