package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing run: pages through what is due by {@code now}, brings each subscription up to date
 * in its own transaction (issuing the invoices of started periods) and charges what it issued
 * right away; then collects the other invoices whose payment is due (retries, reconciliations),
 * retries pending erasures and delivers the events, once per page. It holds one page in memory at a time, whatever the number of
 * subscriptions. A failure on one subscription or invoice is logged and counted, and the run goes on.
 */
public final class BillingRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BillingRunner.class);
    static final int PAGE = 500;

    private final Context context;
    private final Lifecycle lifecycle;
    private final Collection collection;

    public BillingRunner(Context context, Lifecycle lifecycle, Collection collection) {
        this.context = context;
        this.lifecycle = lifecycle;
        this.collection = collection;
    }

    /** The run's counters; used by one thread. */
    private static final class Tally {
        int examined;
        int trialsEnded;
        int renewals;
        int cancellations;
        int invoices;
        int paid;
        int paymentsFailed;
        int paymentsOutstanding;
        int erased;
        int erasuresPending;
        int failures;

        BillingRunReport report(Instant now) {
            return new BillingRunReport(now, examined, trialsEnded, renewals, cancellations, invoices, paid,
                    paymentsFailed, paymentsOutstanding, erased, erasuresPending, failures);
        }
    }

    /**
     * @param progress told what the run has done so far after each page, on the run's thread
     */
    public BillingRunReport run(Instant now, Consumer<BillingRunReport> progress) {
        Tally tally = new Tally();
        SubscriptionStore subscriptions = context.storage().subscriptions();
        Runnable reportProgress = () -> progress.accept(tally.report(now));
        inPages(after -> subscriptions.claimDue(now, after, PAGE), Subscription::id,
                page -> advancePage(page, now, tally),
                page -> subscriptions.releaseClaims(page.stream().map(Subscription::id).toList()), reportProgress);
        inPages(after -> context.storage().invoices().findPaymentDue(now, after, PAGE), Invoice::id,
                eachItem(Invoice::id, tally,
                        invoice -> countPayment(collection.collect(invoice.id(), now, Who.BILLING_RUN), tally)),
                page -> { }, reportProgress);
        inPages(after -> subscriptions.findAwaitingErasure(after, PAGE), Subscription::id,
                eachItem(Subscription::id, tally, subscription -> {
                    if (lifecycle.erase(subscription, Who.BILLING_RUN) == ErasureStatus.CONFIRMED) {
                        tally.erased++;
                    } else {
                        tally.erasuresPending++;
                    }
                }), page -> { }, reportProgress);
        context.relay().deliverPending();
        return tally.report(now);
    }

    /** A page advanced in one transaction, with the first attempts claimed on what it issued. */
    private record Advanced(List<Lifecycle.Advance> advances, Collection.FirstAttempts attempts) {
    }

    /**
     * Advances a page in one transaction, which also claims the first attempt on each invoice it
     * issues, and charges those once it has committed. If the page fails as a whole, advances its
     * subscriptions one by one so that one failure costs only itself, and collects what they issued.
     */
    private void advancePage(List<Subscription> page, Instant now, Tally tally) {
        List<SubscriptionId> ids = page.stream().map(Subscription::id).toList();
        Advanced advanced = null;
        try {
            advanced = context.write(Who.BILLING_RUN, now, changes -> {
                Collection.FirstAttempts attempts = collection.firstAttempts(now);
                return new Advanced(lifecycle.advanceAll(ids, now, changes, attempts), attempts);
            });
        } catch (RuntimeException pageFailure) {
            LOG.warn("Billing run could not advance a page at once ({}); advancing one by one", pageFailure.toString());
        }
        List<Lifecycle.Advance> advances = advanced != null ? advanced.advances() : advanceOneByOne(page, now, tally);
        tally.examined += page.size();
        List<InvoiceId> issued = new ArrayList<>();
        for (Lifecycle.Advance advance : advances) {
            tally.trialsEnded += advance.trialsEnded();
            tally.renewals += advance.renewals();
            tally.cancellations += advance.cancelled() ? 1 : 0;
            tally.invoices += advance.invoicesIssued().size();
            issued.addAll(advance.invoicesIssued());
        }
        try {
            List<PaymentStatus> statuses = advanced != null
                    ? collection.chargeClaimed(advanced.attempts(), Who.BILLING_RUN)
                    : collection.collectAll(issued, now, Who.BILLING_RUN);
            statuses.forEach(status -> countPayment(Optional.of(status), tally));
        } catch (RuntimeException e) {
            tally.failures++;
            LOG.error("Billing run could not charge what it issued; the next run tries again", e);
        }
    }

    private List<Lifecycle.Advance> advanceOneByOne(List<Subscription> page, Instant now, Tally tally) {
        List<Lifecycle.Advance> advances = new ArrayList<>(page.size());
        for (Subscription subscription : page) {
            try {
                advances.add(lifecycle.advance(subscription.id(), now));
            } catch (RuntimeException e) {
                tally.failures++;
                LOG.error("Billing run could not advance subscription {}; the next run tries again",
                        subscription.id(), e);
            }
        }
        return advances;
    }

    private static <T> void releaseQuietly(Consumer<List<T>> release, List<T> items) {
        try {
            release.accept(items);
        } catch (RuntimeException e) {
            LOG.warn("Billing run could not release its claims ({}); they expire on their own", e.toString());
        }
    }

    private static void countPayment(Optional<PaymentStatus> status, Tally tally) {
        if (status.isPresent()) {
            switch (status.get()) {
                case SUCCEEDED -> tally.paid++;
                case DECLINED -> tally.paymentsFailed++;
                default -> tally.paymentsOutstanding++;
            }
        }
    }

    /**
     * Reads pages of {@code T} after the last key seen, handles each page with event delivery held
     * back until it is done, releases it (even when handling failed) and reports progress after
     * every page that had work.
     */
    private <T, K> void inPages(Function<K, List<T>> page, Function<T, K> key, Consumer<List<T>> handle,
            Consumer<List<T>> release, Runnable afterPage) {
        K after = null;
        while (true) {
            K cursor = after;
            List<T> items = context.read(() -> page.apply(cursor));
            if (items.isEmpty()) {
                return;
            }
            try {
                context.deferringDelivery(() -> {
                    handle.accept(items);
                    return null;
                });
            } finally {
                releaseQuietly(release, items);
            }
            afterPage.run();
            if (items.size() < PAGE) {
                return;
            }
            after = key.apply(items.get(items.size() - 1));
        }
    }

    /**
     * A page handler that handles each item on its own: a failing item is logged, counted and
     * skipped (what is still due is found again by the next run).
     */
    private static <T, K> Consumer<List<T>> eachItem(Function<T, K> key, Tally tally, Consumer<T> handle) {
        return items -> {
            for (T item : items) {
                try {
                    handle.accept(item);
                } catch (RuntimeException e) {
                    tally.failures++;
                    LOG.error("Billing run could not handle {} {}; the next run tries again",
                            item.getClass().getSimpleName(), key.apply(item), e);
                }
            }
        };
    }
}
