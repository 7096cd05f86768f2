-- A payment keeps its refund as data: the provider's id of the refund in its own column, and in
-- status whether the refund is under way (REFUND_PENDING), done (REFUNDED) or failed (REFUND_FAILED).
-- Refunds recorded before this version kept the id only in their message, 'refunded as <id>'.
ALTER TABLE billing_payment ADD COLUMN refund_reference VARCHAR(255);
UPDATE billing_payment SET refund_reference = SUBSTRING(message FROM 13)
    WHERE status = 'REFUNDED' AND message LIKE 'refunded as %';
