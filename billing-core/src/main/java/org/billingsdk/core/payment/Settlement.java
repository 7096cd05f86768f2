package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;

/**
 * What a payment attempt's outcome does to the attempt and to its invoice: the rule the billing
 * run, the immediate charge and the provider's later reports (webhooks) all record outcomes by.
 * {@link #of} decides without writing; the SDK stores {@link #payment()} and the invoice the
 * result carries, records the events, and moves the invoice's subscriptions on (past due after a
 * decline, active again once their debts are settled, cancelled when the dunning gives up).
 * Immutable.
 */
public sealed interface Settlement {

    /** {@return the attempt as it is afterwards} */
    Payment payment();

    /**
     * Decides what {@code outcome} does to {@code payment} and its invoice at {@code now}. Reports
     * repeat and arrive out of order: an attempt with a final outcome (succeeded, declined) never
     * changes again, and an attempt the invoice has moved on from (a later attempt, or the invoice
     * paid, voided or uncollectible meanwhile) records its outcome without touching the invoice.
     *
     * @param payment the attempt the outcome is for, as stored; not null
     * @param outcome what the provider answered or reported; not null
     * @param invoice the attempt's invoice, as stored; not null
     * @param terms the billing terms, whose dunning follows a decline; not null
     * @param now when the outcome is recorded; not null
     * @return what it does
     * @throws IllegalArgumentException if {@code invoice} is not the attempt's invoice
     */
    static Settlement of(Payment payment, ChargeOutcome outcome, Invoice invoice, BillingTerms terms, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        if (!invoice.id().equals(payment.invoiceId())) {
            throw new IllegalArgumentException("payment " + payment.id() + " is not an attempt of invoice " + invoice.id());
        }
        if (payment.status().isFinal()) {
            return new Unchanged(payment);
        }
        Payment recorded = payment.withOutcome(outcome, now);
        boolean received = recorded.status() == PaymentStatus.SUCCEEDED;
        if (invoice.state() != InvoiceState.OPEN || invoice.paymentAttempts() != payment.attempt()) {
            return new AttemptOnly(recorded, received ? recorded.amount() : recorded.amount().multiply(0));
        }
        return switch (recorded.status()) {
            case SUCCEEDED -> new Paid(recorded, invoice.paid(now), recorded.amount().isGreaterThan(invoice.amountDue())
                    ? recorded.amount().subtract(invoice.amountDue()) : recorded.amount().multiply(0));
            case PENDING -> new Pending(recorded,
                    invoice.attempted(payment.attempt(), now.plus(BillingTerms.ASK_PENDING_AGAIN_AFTER)),
                    payment.status() != PaymentStatus.PENDING);
            case UNKNOWN -> new Unknown(recorded,
                    invoice.attempted(payment.attempt(), now.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER)));
            case DECLINED -> {
                Dunning dunning = terms.afterDecline(payment.attempt(), invoice.issuedAt(), now);
                yield new Declined(recorded, dunning instanceof Dunning.GiveUp
                        ? invoice.uncollectible(now)
                        : invoice.attempted(payment.attempt(), dunning.nextAttempt().orElse(null)), dunning);
            }
            default -> throw new IllegalStateException("an outcome leaves an attempt " + recorded.status());
        };
    }

    /**
     * The attempt had a final outcome already: this report changes nothing.
     *
     * @param payment the attempt, unchanged
     */
    record Unchanged(Payment payment) implements Settlement {
    }

    /**
     * The invoice has moved on (paid, voided or uncollectible, or a later attempt made): the
     * attempt records its outcome and the invoice stays as it is. Money it took anyway is
     * overpaid: the SDK puts it on the company's credit balance.
     *
     * @param payment the attempt with its outcome
     * @param overpaid what the attempt took that no invoice owed: all it took if it succeeded,
     *     zero otherwise
     */
    record AttemptOnly(Payment payment, MonetaryAmount overpaid) implements Settlement {
    }

    /**
     * The attempt succeeded and settles the invoice, which is paid.
     *
     * @param payment the attempt, succeeded
     * @param invoice the invoice, {@code PAID}
     * @param overpaid what the attempt took beyond the invoice's amount due (a credit note reduced
     *     it while the charge for the former amount was under way), zero or more: the SDK puts it on
     *     the company's credit balance
     */
    record Paid(Payment payment, Invoice invoice, MonetaryAmount overpaid) implements Settlement {
    }

    /**
     * The money is on its way (a SEPA debit): the provider is asked again a day later under the
     * same key.
     *
     * @param payment the attempt, pending
     * @param invoice the invoice, open, its next attempt a day later under the same key
     * @param newlyPending whether the attempt was not pending before (its event is recorded once)
     */
    record Pending(Payment payment, Invoice invoice, boolean newlyPending) implements Settlement {
    }

    /**
     * The outcome is unknown: the attempt is reconciled an hour later under the same key, never
     * charged blindly under a new one.
     *
     * @param payment the attempt, unknown
     * @param invoice the invoice, open, reconciled an hour later
     */
    record Unknown(Payment payment, Invoice invoice) implements Settlement {
    }

    /**
     * The attempt was declined: the dunning decides what follows.
     *
     * @param payment the attempt, declined
     * @param invoice the invoice, open with its retry planned (or none), or uncollectible when
     *     the dunning gives up
     * @param dunning the retry, or what happens after the last one
     */
    record Declined(Payment payment, Invoice invoice, Dunning dunning) implements Settlement {
    }
}
