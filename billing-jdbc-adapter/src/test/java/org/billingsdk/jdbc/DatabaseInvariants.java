package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.RenewalWorkload.scalar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What no interleaving of portal operations, billing runs on several nodes and failures may
 * break, checked on the database after a soak: no period billed twice, invoice numbers exactly
 * 1..N in every series, every cancelled subscription's erasure confirmed, a paid invoice paid by
 * exactly one succeeded payment and no other (none when the credit balance settled it), credit
 * notes numbered 1..N and never beyond their invoice, each credit balance the running sum of its
 * entries and applied exactly as the invoices show, and nothing lost: every subscription's invoiced
 * periods follow one another from its billing anchor without a gap, no live subscription has
 * anything left due, and every period that started before a cancellation is invoiced. Assumes
 * what a soak does: no invoice voided, no plan priced at zero. Published in this module's test jar.
 */
public final class DatabaseInvariants {

    private DatabaseInvariants() {
    }

    /**
     * The invariants {@code db} breaks after a billing run at {@code ranAt}, each with how many
     * rows break it; empty when all hold.
     */
    public static List<String> violations(DataSource db, Instant ranAt) {
        OffsetDateTime now = OffsetDateTime.ofInstant(ranAt, ZoneOffset.UTC);
        List<String> found = new ArrayList<>();
        check(found, "a (subscription, period) billed twice", scalar(db,
                "SELECT count(*) - count(DISTINCT (subscription_id, period_start)) FROM billing_invoice_line"));
        check(found, "a series whose numbers are not exactly 1..N", scalar(db,
                "SELECT count(*) FROM (SELECT series FROM billing_invoice GROUP BY series"
                        + " HAVING min(sequence_number) <> 1 OR max(sequence_number) <> count(*)"
                        + " OR count(DISTINCT sequence_number) <> count(*)) s"));
        check(found, "a cancelled subscription whose erasure is not confirmed", scalar(db,
                "SELECT count(*) FROM billing_subscription WHERE state = 'CANCELLED' AND erasure <> 'CONFIRMED'"));
        check(found, "a paid invoice without exactly one succeeded payment (none when the balance settled it)",
                scalar(db, "SELECT count(*) FROM billing_invoice i WHERE i.state = 'PAID' AND (SELECT count(*)"
                        + " FROM billing_payment p WHERE p.invoice_id = i.id AND p.status = 'SUCCEEDED')"
                        + " <> CASE WHEN i.credit_applied = i.total THEN 0 ELSE 1 END AND NOT EXISTS (SELECT 1"
                        + " FROM billing_credit_note c WHERE c.invoice_id = i.id AND c.destination = 'AMOUNT_DUE')"));
        check(found, "a credit-note series whose numbers are not exactly 1..N", scalar(db,
                "SELECT count(*) FROM (SELECT series FROM billing_credit_note GROUP BY series"
                        + " HAVING min(sequence_number) <> 1 OR max(sequence_number) <> count(*)"
                        + " OR count(DISTINCT sequence_number) <> count(*)) s"));
        check(found, "an invoice credited beyond its total", scalar(db,
                "SELECT count(*) FROM billing_invoice i WHERE i.total < (SELECT COALESCE(SUM(c.total), 0)"
                        + " FROM billing_credit_note c WHERE c.invoice_id = i.id)"));
        check(found, "a credit balance entry that is not the one before it plus its amount, or out of 1..N",
                scalar(db, "SELECT count(*) FROM (SELECT amount, balance, sequence_number, LAG(balance) OVER"
                        + " (PARTITION BY company_id, currency ORDER BY sequence_number) AS previous, ROW_NUMBER()"
                        + " OVER (PARTITION BY company_id, currency ORDER BY sequence_number) AS position"
                        + " FROM billing_credit_entry) e WHERE e.balance <> COALESCE(e.previous, 0) + e.amount"
                        + " OR e.sequence_number <> e.position OR e.balance < 0"));
        check(found, "an invoice whose credit applied is not what the ledger applied to it", scalar(db,
                "SELECT count(*) FROM billing_invoice i WHERE i.credit_applied <> COALESCE((SELECT -SUM(e.amount)"
                        + " FROM billing_credit_entry e WHERE e.invoice_id = i.id AND e.kind = 'APPLIED'), 0)"));
        check(found, "a succeeded payment on an invoice that is not paid", scalar(db,
                "SELECT count(*) FROM billing_payment p JOIN billing_invoice i ON i.id = p.invoice_id"
                        + " WHERE p.status = 'SUCCEEDED' AND i.state <> 'PAID'"));
        check(found, "an invoiced period that does not start where the one before it ended (or at the anchor)",
                scalar(db, "SELECT count(*) FROM (SELECT l.subscription_id, l.period_start, LAG(l.period_end)"
                        + " OVER (PARTITION BY l.subscription_id ORDER BY l.period_start) AS previous_end"
                        + " FROM billing_invoice_line l) p JOIN billing_subscription s ON s.id = p.subscription_id"
                        + " WHERE p.period_start <> COALESCE(p.previous_end, s.billing_anchor)"));
        check(found, "a subscription invoiced through another date than its last invoiced period's end", scalar(db,
                "SELECT count(*) FROM billing_subscription s WHERE s.paid_through IS DISTINCT FROM"
                        + " (SELECT max(l.period_end) FROM billing_invoice_line l WHERE l.subscription_id = s.id)"));
        check(found, "a live subscription with something still due after the last run", scalar(db,
                "SELECT count(*) FROM billing_subscription WHERE state <> 'CANCELLED'"
                        + " AND (next_due_at IS NULL OR next_due_at <= ?)", now));
        check(found, "a cancelled subscription with a period started before the cancellation left uninvoiced",
                scalar(db, "SELECT count(*) FROM billing_subscription WHERE state = 'CANCELLED'"
                        + " AND billing_anchor < cancelled_at AND (paid_through IS NULL OR paid_through < cancelled_at)"));
        check(found, "a period invoiced that started after the subscription's cancellation", scalar(db,
                "SELECT count(*) FROM billing_invoice_line l JOIN billing_subscription s ON s.id = l.subscription_id"
                        + " WHERE s.state = 'CANCELLED' AND l.period_start > s.cancelled_at"));
        return found;
    }

    /** Adds {@code violation} with its count to {@code found} unless the count is zero. */
    public static void check(List<String> found, String violation, long count) {
        if (count != 0) {
            found.add(violation + ": " + count);
        }
    }
}
