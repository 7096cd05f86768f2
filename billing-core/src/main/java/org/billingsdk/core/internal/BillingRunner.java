package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing run: pages through what is due by {@code now}, brings each subscription up to date
 * in its own transaction (issuing the invoices of started periods), collects the invoices whose
 * payment is due (first attempts, retries, reconciliations), retries pending erasures and delivers
 * pending events. A failure on one
 * subscription is logged and counted, and the run goes on.
 */
public final class BillingRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BillingRunner.class);
    private static final int PAGE = 500;

    private final Context context;
    private final Lifecycle lifecycle;
    private final Collection collection;

    public BillingRunner(Context context, Lifecycle lifecycle, Collection collection) {
        this.context = context;
        this.lifecycle = lifecycle;
        this.collection = collection;
    }

    public BillingRunReport run(Instant now) {
        SubscriptionStore store = context.storage().subscriptions();
        int examined = 0;
        int trialsEnded = 0;
        int renewals = 0;
        int cancellations = 0;
        int invoices = 0;
        int failures = 0;
        SubscriptionId after = null;
        while (true) {
            SubscriptionId cursor = after;
            List<Subscription> due = context.read(() -> store.findDue(now, cursor, PAGE));
            for (Subscription subscription : due) {
                examined++;
                try {
                    Lifecycle.Advance advance = lifecycle.advance(subscription.id(), now);
                    trialsEnded += advance.trialsEnded();
                    renewals += advance.renewals();
                    cancellations += advance.cancelled() ? 1 : 0;
                    invoices += advance.invoicesIssued();
                } catch (RuntimeException e) {
                    failures++;
                    LOG.error("Billing run could not advance subscription {}; the next run tries again",
                            subscription.id(), e);
                }
            }
            if (due.size() < PAGE) {
                break;
            }
            after = due.get(due.size() - 1).id();
        }
        int paid = 0;
        int paymentsFailed = 0;
        int paymentsOutstanding = 0;
        InvoiceId invoiceCursor = null;
        while (true) {
            InvoiceId cursor = invoiceCursor;
            List<Invoice> due = context.read(() -> context.storage().invoices().findPaymentDue(now, cursor, PAGE));
            for (Invoice invoice : due) {
                try {
                    Optional<PaymentStatus> status = collection.collect(invoice.id(), now, Who.BILLING_RUN);
                    if (status.isPresent()) {
                        switch (status.get()) {
                            case SUCCEEDED -> paid++;
                            case DECLINED -> paymentsFailed++;
                            default -> paymentsOutstanding++;
                        }
                    }
                } catch (RuntimeException e) {
                    failures++;
                    LOG.error("Billing run could not collect invoice {}; the next run tries again", invoice.id(), e);
                }
            }
            if (due.size() < PAGE) {
                break;
            }
            invoiceCursor = due.get(due.size() - 1).id();
        }
        int erased = 0;
        int erasuresPending = 0;
        after = null;
        while (true) {
            SubscriptionId cursor = after;
            List<Subscription> pending = context.read(() -> store.findAwaitingErasure(cursor, PAGE));
            for (Subscription subscription : pending) {
                if (lifecycle.erase(subscription, Who.BILLING_RUN) == ErasureStatus.CONFIRMED) {
                    erased++;
                } else {
                    erasuresPending++;
                }
            }
            if (pending.size() < PAGE) {
                break;
            }
            after = pending.get(pending.size() - 1).id();
        }
        context.relay().deliverPending();
        return new BillingRunReport(now, examined, trialsEnded, renewals, cancellations, invoices, paid,
                paymentsFailed, paymentsOutstanding, erased, erasuresPending, failures);
    }
}
