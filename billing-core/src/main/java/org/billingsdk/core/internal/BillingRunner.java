package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.billingsdk.core.Billing;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatNumber;
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
 * The billing run: pages through what is due by {@code now}, brings each page of subscriptions up
 * to date in one transaction (issuing the invoices of started periods) and charges what it issued
 * right away, on one thread or on several workers that share the node's pages; then collects the
 * other invoices whose payment is due (retries, reconciliations), retries pending erasures and
 * delivers the events, once per page. The events of the subscriptions' pages are delivered by a
 * thread of their own while the workers go on, so that a slow event sink does not hold up billing.
 * Each worker holds one page in memory at a time, whatever the number of subscriptions. A failure
 * on one subscription or invoice is logged and counted, and the run goes on. An interrupt of the
 * caller stops the run once the pages in progress are done, keeping the interrupt.
 */
public final class BillingRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BillingRunner.class);
    static final int PAGE = 1_000;

    private final Context context;
    private final Lifecycle lifecycle;
    private final Charging charging;
    private final CreditsService credits;
    private final AccountsService accounts;
    private final int workers;

    /** @param workers how many threads bring subscriptions up to date, each page on one of them; at least 1 */
    public BillingRunner(Context context, Lifecycle lifecycle, Charging charging, CreditsService credits,
            AccountsService accounts, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a billing run needs at least one worker, not " + workers);
        }
        this.context = context;
        this.lifecycle = lifecycle;
        this.charging = charging;
        this.credits = credits;
        this.accounts = accounts;
        this.workers = workers;
    }

    /**
     * The run's counters. A page's counts are kept apart and added at once ({@link #add}), so that
     * workers never share a counter while they work.
     */
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
        int vatNumbersChecked;
        int failures;

        synchronized void add(Tally page) {
            examined += page.examined;
            trialsEnded += page.trialsEnded;
            renewals += page.renewals;
            cancellations += page.cancellations;
            invoices += page.invoices;
            paid += page.paid;
            paymentsFailed += page.paymentsFailed;
            paymentsOutstanding += page.paymentsOutstanding;
            erased += page.erased;
            erasuresPending += page.erasuresPending;
            vatNumbersChecked += page.vatNumbersChecked;
            failures += page.failures;
        }

        synchronized BillingRunReport report(Instant now) {
            return new BillingRunReport(now, examined, trialsEnded, renewals, cancellations, invoices, paid,
                    paymentsFailed, paymentsOutstanding, erased, erasuresPending, failures, vatNumbersChecked);
        }
    }

    /**
     * @param progress told what the run has done so far after each page, one call at a time, on
     *     the thread that did the page
     */
    public BillingRunReport run(Instant now, Consumer<BillingRunReport> progress) {
        Tally tally = new Tally();
        SubscriptionStore subscriptions = context.storage().subscriptions();
        Runnable reportProgress = () -> {
            synchronized (tally) {
                progress.accept(tally.report(now));
            }
        };
        AtomicBoolean stop = new AtomicBoolean();
        if (context.verifier().isPresent()) {
            // Before the periods are invoiced, so that a number confirmed now counts for them.
            inPages(new Pages<>(after -> context.storage().companies().findUnconfirmedVatNumbers(after, PAGE),
                    Company::id), eachItem(Company::id, tally, company -> {
                        if (company.vatNumber().filter(VatNumber::isEu).isPresent()) {
                            accounts.recheck(company);
                            tally.vatNumbersChecked++;
                        }
                    }), reportProgress, stop);
        }
        Pages<Subscription, SubscriptionId> due = new Pages<>(after -> subscriptions.claimDue(now, after, PAGE),
                Subscription::id);
        try (EventRelay.Background delivery = context.relay().inBackground("billing-run-events")) {
            onWorkers(stop, () -> {
                while (!stopped(stop)) {
                    Tally counts = new Tally();
                    if (context.deferringDelivery(() -> advanceNextPage(due, now, counts), delivery::request)
                            .isEmpty()) {
                        return;
                    }
                    tally.add(counts);
                    reportProgress.run();
                }
            });
        }
        inPages(new Pages<>(after -> context.storage().invoices().findPaymentDue(now, after, PAGE), Invoice::id),
                eachItem(Invoice::id, tally,
                        invoice -> countPayment(charging.collect(invoice.id(), now, Who.BILLING_RUN), tally)),
                reportProgress, stop);
        inPages(new Pages<>(after -> subscriptions.findAwaitingErasure(after, PAGE), Subscription::id),
                eachItem(Subscription::id, tally, subscription -> {
                    if (lifecycle.erase(subscription, Who.BILLING_RUN) == ErasureStatus.CONFIRMED) {
                        tally.erased++;
                    } else {
                        tally.erasuresPending++;
                    }
                }), reportProgress, stop);
        if (stopped(stop)) {
            // Interrupted: what is left is due again for the next run; the events wait in the outbox.
            LOG.warn("Billing run interrupted; the next run does what is left");
            return tally.report(now);
        }
        try {
            // Refunds whose answer was lost, asked again under their keys: one page a run, since a
            // refund whose answer is lost again stays as it was.
            credits.askAgain(now, PAGE);
        } catch (RuntimeException e) {
            LOG.warn("Asking again for refunds whose answer was lost failed ({}); the next run asks again",
                    e.toString());
            synchronized (tally) {
                tally.failures++;
            }
        }
        context.relay().deliverPending();
        return tally.report(now);
    }

    /**
     * Runs {@code work} on the caller's thread, or on {@link #workers} threads at once, which take
     * their pages from one {@link Pages}. The first failure stops the others at their next page and
     * reaches the caller once all have stopped. An interrupt of the caller stops them at their
     * next page, as on one thread (they are not interrupted themselves: each ends its page, its
     * charges waited for at most their time-out); the caller's thread keeps it.
     */
    private void onWorkers(AtomicBoolean stop, Runnable work) {
        if (workers == 1) {
            work.run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Consumer<Throwable> failed = e -> {
            stop.set(true);
            Throwable first = failure.updateAndGet(earlier -> earlier == null ? e : earlier);
            if (first != e) {
                first.addSuppressed(e);
            }
        };
        List<Thread> threads = new ArrayList<>(workers);
        try {
            for (int i = 1; i <= workers; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException | Error e) {
                        failed.accept(e);
                    }
                }, "billing-run-worker-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        } catch (RuntimeException | Error e) {
            // A worker that could not start: those started stop at their next page.
            failed.accept(e);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // As on one thread, the run stops at the next page; the interrupt is kept for the caller.
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
    }

    /** Whether the run stops: told to, or its caller interrupted (the interrupt kept). */
    private static boolean stopped(AtomicBoolean stop) {
        if (!stop.get() && Thread.currentThread().isInterrupted()) {
            stop.set(true);
        }
        return stop.get();
    }

    /** A page advanced in one transaction, with the first attempts claimed on what it issued. */
    private record Advanced(Lifecycle.Page page, Charging.FirstAttempts attempts) {
    }

    /**
     * Claims the node's next page of due subscriptions in the transaction that advances it (a
     * storage may hold the page locked until that transaction ends), which also claims the first
     * attempt on each invoice it issues, and charges those once it has committed. The first try
     * advances the subscriptions as claimed; a retry after a lost
     * race reads them afresh. If the page fails as a whole, advances its subscriptions one by one
     * so that one failure costs only itself, and collects what they issued.
     *
     * @return the page claimed; empty once no due subscription is left
     */
    private List<Subscription> advanceNextPage(Pages<Subscription, SubscriptionId> due, Instant now, Tally tally) {
        PageClaim claim = new PageClaim(due);
        Advanced advanced = null;
        try {
            advanced = context.write(Who.BILLING_RUN, now, changes -> {
                List<Subscription> page = claim.subscriptions();
                if (page.isEmpty()) {
                    return null;
                }
                Charging.FirstAttempts attempts = charging.firstAttempts(now);
                return new Advanced(changes.attempt() == 1 ? lifecycle.advanceRead(page, now, changes, attempts)
                        : lifecycle.advanceAll(ids(page), now, changes, attempts), attempts);
            });
        } catch (RuntimeException pageFailure) {
            if (!claim.isClaimed()) {
                throw pageFailure;
            }
            LOG.warn("Billing run could not advance a page at once; advancing one by one", pageFailure);
        }
        List<Subscription> page = claim.page();
        if (!page.isEmpty()) {
            countAndCharge(page, advanced, now, tally);
        }
        if (advanced != null) {
            advanced.page().payersBilledOnADay().forEach(payer -> advancePayer(payer, now, tally));
        }
        return page;
    }

    /**
     * Brings up to date every subscription a payer with a billing day pays, in one transaction that
     * issues its consolidated invoices and claims their first attempts, and charges them once it has
     * committed. A failure is logged and counted; the subscriptions stay due for the next run.
     */
    private void advancePayer(CompanyId payer, Instant now, Tally tally) {
        if (Thread.currentThread().isInterrupted()) {
            return; // the run stops: the payer's subscriptions are still due for the next run
        }
        Advanced advanced;
        try {
            advanced = context.write(Who.BILLING_RUN, now, changes -> {
                Charging.FirstAttempts attempts = charging.firstAttempts(now);
                return new Advanced(new Lifecycle.Page(lifecycle.advancePayer(payer, now, changes, attempts),
                        List.of()), attempts);
            });
        } catch (RuntimeException e) {
            tally.failures++;
            LOG.error("Billing run could not bring the subscriptions company {} pays up to date; the next run tries "
                    + "again", payer, e);
            return;
        }
        count(advanced.page().advances(), tally);
        try {
            charging.chargeClaimed(advanced.attempts(), Who.BILLING_RUN).forEach(status -> countPayment(Optional.of(status),
                    tally));
        } catch (RuntimeException e) {
            tally.failures++;
            LOG.error("Billing run could not charge what it issued company {}; the next run tries again", payer, e);
        }
    }

    /**
     * The page of due subscriptions one transaction advances: claimed from the node's pages on the
     * transaction's first try (inside it, so that a storage may lock the page until it ends), and
     * the same subscriptions again on every later try, where the transaction reads them afresh. A
     * claim a try made is never lost to a lost race, nor claimed twice.
     */
    private static final class PageClaim {

        private final Pages<Subscription, SubscriptionId> due;
        private List<Subscription> page;

        PageClaim(Pages<Subscription, SubscriptionId> due) {
            this.due = due;
        }

        /** The page, claimed on the first try that asks. */
        List<Subscription> subscriptions() {
            if (page == null) {
                page = due.next();
            }
            return page;
        }

        boolean isClaimed() {
            return page != null;
        }

        /** The claimed page; empty if none was claimed. */
        List<Subscription> page() {
            return page == null ? List.of() : page;
        }
    }

    private static List<SubscriptionId> ids(List<Subscription> page) {
        return page.stream().map(Subscription::id).toList();
    }

    /**
     * Counts what a page did and charges what it issued: the attempts it claimed if it was
     * advanced at once ({@code advanced}), else, one by one, what advancing each issued.
     */
    private void countAndCharge(List<Subscription> page, Advanced advanced, Instant now, Tally tally) {
        List<Lifecycle.Advance> advances = advanced != null ? advanced.page().advances()
                : advanceOneByOne(page, now, tally);
        tally.examined += page.size();
        List<InvoiceId> issued = count(advances, tally);
        try {
            List<PaymentStatus> statuses = advanced != null
                    ? charging.chargeClaimed(advanced.attempts(), Who.BILLING_RUN)
                    : charging.collectAll(issued, now, Who.BILLING_RUN);
            statuses.forEach(status -> countPayment(Optional.of(status), tally));
        } catch (RuntimeException e) {
            tally.failures++;
            LOG.error("Billing run could not charge what it issued; the next run tries again", e);
        }
    }

    /** Counts what the advances did; {@return the invoices they issued} */
    private static List<InvoiceId> count(List<Lifecycle.Advance> advances, Tally tally) {
        List<InvoiceId> issued = new ArrayList<>();
        for (Lifecycle.Advance advance : advances) {
            tally.trialsEnded += advance.trialsEnded();
            tally.renewals += advance.renewals();
            tally.cancellations += advance.cancelled() ? 1 : 0;
            tally.invoices += advance.invoicesIssued().size();
            issued.addAll(advance.invoicesIssued());
        }
        return issued;
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

    /** Ends a page's claims for a storage that leases; a failure is only logged. */
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
     * Pages of {@code T} read one after the other, each after the last key of the one before: the
     * workers of a run share one, so that each page goes to one of them.
     */
    private final class Pages<T, K> {
        private final Function<K, List<T>> read;
        private final Function<T, K> key;
        private K after;
        private boolean done;

        Pages(Function<K, List<T>> read, Function<T, K> key) {
            this.read = read;
            this.key = key;
        }

        /** {@return the next page, or an empty list once the last has been read} */
        synchronized List<T> next() {
            if (done) {
                return List.of();
            }
            K cursor = after;
            List<T> items = context.read(() -> read.apply(cursor));
            if (items.size() < PAGE) {
                done = true;
            } else {
                after = key.apply(items.get(items.size() - 1));
            }
            return items;
        }
    }

    /**
     * Takes pages until none is left or the run stops, handles each with event delivery held back
     * until it is done, and reports progress after every page that had work.
     */
    private <T> void inPages(Pages<T, ?> pages, Consumer<List<T>> handle, Runnable afterPage, AtomicBoolean stop) {
        while (!stopped(stop)) {
            List<T> items = pages.next();
            if (items.isEmpty()) {
                return;
            }
            context.deferringDelivery(() -> {
                handle.accept(items);
                return null;
            }, context.relay()::deliverPending);
            afterPage.run();
        }
    }

    /**
     * A page handler that handles each item on its own: a failing item is logged, counted and
     * skipped (what is still due is found again by the next run).
     */
    private static <T, K> Consumer<List<T>> eachItem(Function<T, K> key, Tally tally, Consumer<T> handle) {
        return items -> {
            for (T item : items) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // the run stops: what is left of the page is still due for the next run
                }
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
