package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.PAYMENT_TERMS;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aCardSetup;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aDraftInvoice;
import static org.billingsdk.core.contract.ContractData.aPayment;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSepaMandate;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anAuditRecord;
import static org.billingsdk.core.contract.ContractData.anEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Storage#inTransaction}: the work's result is answered; a throw (an
 * exception or an error) undoes every write the work made through any of the stores, updates
 * and deletions included, gives back the invoice numbers it took, and comes out as it was thrown;
 * a nested call joins the outer transaction; and
 * transactions on {@value #THREADS} threads that read, modify and write one aggregate with
 * versioned updates, retrying on {@link org.billingsdk.core.ConcurrentUpdateException} as the
 * SDK does, lose no update. Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresTransactionTest extends TransactionContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class TransactionContract extends StorageContract {

    private static final int THREADS = 8;
    private static final int UPDATES_PER_THREAD = 25;
    private static final int ATTEMPTS_PER_THREAD = 10_000;
    private static final long TIMEOUT_SECONDS = 60;
    private static final String INVOICE_SERIES = "INV-2026";

    private Company company;
    private Plan plan;

    @BeforeEach
    public final void insertACompanyAndAPlan() {
        company = storage.companies().insert(aCompany("Acme"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        plan = aPlan(product);
        storage.catalog().insertPlan(plan);
    }

    @Test
    public void theWorksResultIsAnswered() {
        String result = storage.inTransaction(() -> "result");
        Object nothing = storage.inTransaction(() -> null);

        assertThat(result).isEqualTo("result");
        assertThat(nothing).isNull();
    }

    @Test
    public void theWritesOfACompletedTransactionAreKept() {
        Company child = aChildOf(company);
        Subscription subscription = aSubscription(company, plan);
        AuditRecord record = anAuditRecord(company.id(), NOW);
        BillingEvent event = anEvent(NOW);

        Company renamed = storage.inTransaction(() -> {
            storage.companies().insert(child);
            storage.subscriptions().insert(subscription);
            storage.audit().append(record);
            storage.outbox().append(event);
            return storage.companies().update(company.withName("Renamed"));
        });

        assertThat(storage.companies().findById(company.id())).contains(renamed);
        assertThat(storage.companies().findById(child.id())).contains(child.withVersion(1));
        assertThat(storage.subscriptions().findById(subscription.id())).contains(subscription.withVersion(1));
        assertThat(storage.audit().findByCompany(company.id(), 10)).containsExactly(record);
        assertThat(storage.outbox().findUndelivered(10)).containsExactly(event);
    }

    @Test
    public void aThrowRollsBackEveryWriteOfEveryStoreAndComesOutAsThrown() {
        Subscription existing = storage.subscriptions()
                .insert(aSubscription(company, plan).periodInvoiced(NOW.plus(Duration.ofDays(30))));
        Company child = aChildOf(company);
        Product product = aProduct("xdr");
        Plan newPlan = aPlan(product);
        Subscription subscription = aSubscription(company, plan);
        AuditRecord record = anAuditRecord(company.id(), NOW);
        BillingEvent event = anEvent(NOW);
        RuntimeException failure = new IllegalStateException("the work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            storage.companies().update(company.withName("Renamed"));
            storage.catalog().insertProduct(product);
            storage.catalog().insertPlan(newPlan);
            storage.subscriptions().insert(subscription);
            storage.subscriptions().update(existing.scheduleCancellation(NOW.plus(Duration.ofDays(1))));
            storage.audit().append(record);
            storage.outbox().append(event);
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findChildren(company.id())).isEmpty();
        assertThat(storage.companies().findById(company.id())).contains(company);
        assertThat(storage.catalog().findProduct(product.code())).isEmpty();
        assertThat(storage.catalog().findPlan(newPlan.id())).isEmpty();
        assertThat(storage.subscriptions().findById(subscription.id())).isEmpty();
        assertThat(storage.subscriptions().findById(existing.id())).contains(existing);
        assertThat(storage.subscriptions().findByCompanies(List.of(company.id()))).containsExactly(existing);
        assertThat(storage.subscriptions().findDue(NOW.plus(Duration.ofDays(2)), null, 10)).isEmpty();
        assertThat(storage.audit().findByCompany(company.id(), 10)).isEmpty();
        assertThat(storage.outbox().findUndelivered(10)).isEmpty();
    }

    @Test
    public void aRolledBackUpdateLeavesTheStoredVersionForTheNextUpdate() {
        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().update(company.withName("Rolled back"));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        Company updated = storage.companies().update(company.withName("Kept"));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(storage.companies().findById(company.id())).contains(updated);
    }

    @Test
    public void aRolledBackMoveLeavesTheCompanyUnderItsFormerParent() {
        Company formerParent = storage.companies().insert(aChildOf(company, "Former parent"));
        Company newParent = storage.companies().insert(aChildOf(company, "New parent"));
        Company moving = storage.companies().insert(aChildOf(formerParent, "Moving"));

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().update(moving.withParent(newParent.id()));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.companies().findById(moving.id())).contains(moving);
        assertThat(storage.companies().findChildren(formerParent.id())).containsExactly(moving);
        assertThat(storage.companies().findChildren(newParent.id())).isEmpty();
        assertThat(storage.companies().isSameOrDescendant(newParent.id(), moving.id())).isFalse();
        assertThat(storage.companies().findSubtree(formerParent.id())).containsExactly(formerParent, moving);
    }

    @Test
    public void anErrorRollsBackAndComesOutAsThrown() {
        Company child = aChildOf(company);
        Error failure = new AssertionError("the work failed badly");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
    }

    @Test
    public void aRefusedWriteRollsBackTheWritesBeforeIt() {
        Company child = aChildOf(company);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.companies().insert(company.withVersion(0));
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findById(company.id())).contains(company);
    }

    @Test
    public void aCompletedTransactionKeepsTheInvoiceItsNumberAndItsPayment() {
        Subscription subscription = storage.subscriptions().insert(aSubscription(company, plan));
        Invoice draft = aDraftInvoice(InvoiceId.random(), company, subscription, NOW);
        Payment payment = aPayment(draft, 1, null, NOW);

        Invoice issued = storage.inTransaction(() -> {
            Invoice inserted = storage.invoices().insert(issue(draft));
            storage.payments().insert(payment);
            return inserted;
        });

        assertThat(issued.number()).isEqualTo(new InvoiceNumber(INVOICE_SERIES, 1));
        assertThat(storage.invoices().findById(draft.id())).get().extracting(Invoice::number, Invoice::version)
                .containsExactly(issued.number(), 1L);
        assertThat(storage.payments().findByIdempotencyKey(payment.idempotencyKey())).get()
                .extracting(Payment::id, Payment::version).containsExactly(payment.id(), 1L);
        assertThat(storage.invoiceNumbers().next(INVOICE_SERIES)).isEqualTo(2);
    }

    @Test
    public void aRolledBackTransactionLeavesNoInvoiceNoPaymentAndGivesItsInvoiceNumberBack() {
        Subscription subscription = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(days(60))));
        PaymentMethod card = storage.paymentMethods().insert(aCard(company, NOW.minus(days(60))));
        Invoice earlier = storage.inTransaction(() -> storage.invoices().insert(issue(
                aDraftInvoice(InvoiceId.random(), company, subscription, NOW.minus(days(31))))));
        Payment earlierAttempt = storage.payments().insert(aPayment(earlier, 1, card, NOW.minus(days(31))));
        Invoice draft = aDraftInvoice(InvoiceId.random(), company, subscription, NOW);
        Payment payment = aPayment(draft, 1, card, NOW);
        RuntimeException failure = new IllegalStateException("the billing run failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            Invoice issued = storage.invoices().insert(issue(draft));
            storage.payments().insert(payment);
            storage.payments().update(payment.withVersion(1).withOutcome(
                    new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), NOW));
            storage.invoices().update(issued.paid(NOW));
            storage.invoices().update(earlier.attempted(2, NOW.plus(days(3))));
            storage.payments().update(earlierAttempt.withOutcome(
                    new ChargeOutcome.Declined(null, DeclineCode.of("card_declined"), "Declined."), NOW));
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.invoices().findById(draft.id())).isEmpty();
        assertThat(storage.invoices().findByCompanies(List.of(company.id()), null, 10))
                .as("no invoice bills the period the rolled-back one did").flatExtracting(Invoice::lines)
                .extracting(InvoiceLine::periodStart).doesNotContain(NOW);
        assertThat(storage.invoices().findByCompanies(List.of(company.id()), null, 10))
                .extracting(Invoice::id).containsExactly(earlier.id());
        assertThat(storage.invoices().findById(earlier.id())).get()
                .extracting(Invoice::version, Invoice::paymentAttempts, Invoice::nextPaymentAt)
                .containsExactly(1L, 0, earlier.nextPaymentAt());
        assertThat(storage.invoices().findPaymentDue(NOW, null, 10)).extracting(Invoice::id)
                .containsExactly(earlier.id());
        assertThat(storage.payments().findByIdempotencyKey(payment.idempotencyKey())).isEmpty();
        assertThat(storage.payments().findByInvoices(List.of(draft.id(), earlier.id())))
                .extracting(Payment::id, Payment::status, Payment::version)
                .containsExactly(tuple(earlierAttempt.id(), PaymentStatus.UNKNOWN, 1L));
        assertThat(storage.invoiceNumbers().next(INVOICE_SERIES)).as("the number taken by the rolled back")
                .isEqualTo(earlier.number().sequence() + 1);
    }

    @Test
    public void billingAPeriodAgainRollsBackAndGivesBackTheNumberTakenForIt() {
        Subscription subscription = storage.subscriptions().insert(aSubscription(company, plan));
        Invoice first = storage.inTransaction(() -> storage.invoices().insert(issue(
                aDraftInvoice(InvoiceId.random(), company, subscription, NOW))));

        assertThatThrownBy(() -> storage.inTransaction(() -> storage.invoices().insert(issue(
                aDraftInvoice(InvoiceId.random(), company, subscription, NOW)))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(storage.invoices().findByCompanies(List.of(company.id()), null, 10)).extracting(Invoice::id)
                .containsExactly(first.id());
        assertThat(storage.invoiceNumbers().next(INVOICE_SERIES)).isEqualTo(first.number().sequence() + 1);
    }

    @Test
    public void rolledBackWritesToPaymentMethodsSetUpsAndCustomerReferencesAreUndone() {
        PaymentMethod kept = storage.paymentMethods().insert(aCard(company, NOW.minus(days(2))));
        PaymentMethod deleted = storage.paymentMethods().insert(aSepaMandate(company, NOW.minus(days(1))));
        PaymentMethod added = aCard(company, NOW);
        SetupSession completed = aCardSetup(company);
        storage.paymentSetups().insert(completed);
        SetupSession started = aCardSetup(company);
        storage.customers().save(company.id(), CustomerReference.of("cus_before"));
        Company other = storage.companies().insert(aCompany("Other"));

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.paymentMethods().update(kept.asDefault(true));
            storage.paymentMethods().delete(deleted.id());
            storage.paymentMethods().insert(added);
            storage.paymentSetups().delete(completed.id());
            storage.paymentSetups().insert(started);
            storage.customers().save(company.id(), CustomerReference.of("cus_during"));
            storage.customers().save(other.id(), CustomerReference.of("cus_other"));
            throw new IllegalStateException("completing the set-up failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.paymentMethods().findByCompany(company.id())).containsExactly(kept, deleted);
        assertThat(storage.paymentMethods().findById(added.id())).isEmpty();
        assertThat(storage.paymentSetups().findById(completed.id())).contains(completed);
        assertThat(storage.paymentSetups().findById(started.id())).isEmpty();
        assertThat(storage.customers().find(company.id())).contains(CustomerReference.of("cus_before"));
        assertThat(storage.customers().find(other.id())).isEmpty();
    }

    @Test
    public void markingEventsDeliveredIsRolledBackToo() {
        BillingEvent event = anEvent(NOW);
        storage.outbox().append(event);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.outbox().markDelivered(List.of(event.eventId()));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.outbox().findUndelivered(10)).containsExactly(event);
    }

    @Test
    public void aNestedTransactionSeesTheOuterWrites() {
        Company child = aChildOf(company);

        Optional<Company> seen = storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.inTransaction(() -> storage.companies().findById(child.id()));
        });

        assertThat(seen).contains(child.withVersion(1));
    }

    @Test
    public void theOuterTransactionSeesTheNestedWrites() {
        Company child = aChildOf(company);

        Optional<Company> seen = storage.inTransaction(() -> {
            storage.inTransaction(() -> storage.companies().insert(child));
            return storage.companies().findById(child.id());
        });

        assertThat(seen).contains(child.withVersion(1));
    }

    @Test
    public void theNestedWritesAreRolledBackWithTheOuterTransaction() {
        Company child = aChildOf(company);
        RuntimeException failure = new IllegalStateException("the outer work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.inTransaction(() -> storage.companies().insert(child));
            throw failure;
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
    }

    @Test
    public void aThrowOutOfANestedTransactionRollsBackTheOuterWritesToo() {
        Company child = aChildOf(company);
        Company grandchild = aChildOf(child);
        RuntimeException failure = new IllegalStateException("the nested work failed");

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            storage.companies().insert(child);
            return storage.inTransaction(() -> {
                storage.companies().insert(grandchild);
                throw failure;
            });
        })).isSameAs(failure);

        assertThat(storage.companies().findById(child.id())).isEmpty();
        assertThat(storage.companies().findById(grandchild.id())).isEmpty();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentReadModifyWriteTransactionsLoseNoUpdateOfACompany() throws Exception {
        Company counter = storage.companies().insert(aCompany("0"));

        int total = onThreads(() -> storage.inTransaction(() -> {
            Company current = storage.companies().findById(counter.id()).orElseThrow();
            return storage.companies().update(current.withName(Integer.toString(Integer.parseInt(current.name()) + 1)));
        }));

        Company result = storage.companies().findById(counter.id()).orElseThrow();
        assertThat(total).isEqualTo(THREADS * UPDATES_PER_THREAD);
        assertThat(result.name()).isEqualTo(Integer.toString(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentReadModifyWriteTransactionsLoseNoUpdateOfASubscription() throws Exception {
        Subscription counter = storage.subscriptions().insert(aSubscription(company, plan).scheduleCancellation(NOW));

        int total = onThreads(() -> storage.inTransaction(() -> {
            Subscription current = storage.subscriptions().findById(counter.id()).orElseThrow();
            return storage.subscriptions().update(current.scheduleCancellation(current.cancelAt().plusSeconds(1)));
        }));

        Subscription result = storage.subscriptions().findById(counter.id()).orElseThrow();
        assertThat(total).isEqualTo(THREADS * UPDATES_PER_THREAD);
        assertThat(result.cancelAt()).isEqualTo(NOW.plusSeconds(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentVersionedUpdatesOutsideATransactionLoseNoUpdate() throws Exception {
        Company counter = storage.companies().insert(aCompany("0"));

        int total = onThreads(() -> {
            Company current = storage.companies().findById(counter.id()).orElseThrow();
            return storage.companies().update(current.withName(Integer.toString(Integer.parseInt(current.name()) + 1)));
        });

        Company result = storage.companies().findById(counter.id()).orElseThrow();
        assertThat(result.name()).isEqualTo(Integer.toString(total));
        assertThat(result.version()).isEqualTo(1 + total);
    }

    /** The draft finalized inside the caller's transaction, with the next number of {@value #INVOICE_SERIES}. */
    private Invoice issue(Invoice draft) {
        long sequence = storage.invoiceNumbers().next(INVOICE_SERIES);
        return draft.finalized(new InvoiceNumber(INVOICE_SERIES, sequence), NOW, NOW.plus(PAYMENT_TERMS));
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    /**
     * Runs {@code increment} {@value #UPDATES_PER_THREAD} times on each of {@value #THREADS}
     * threads started together, each time until it succeeds: a
     * {@link ConcurrentUpdateException} makes a thread try again, as the SDK does.
     *
     * @return the number of increments that succeeded
     */
    private static int onThreads(Callable<?> increment) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the threads were not started together");
                    }
                    return incrementRetrying(increment);
                }));
            }
            assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            int succeeded = 0;
            for (Future<Integer> future : futures) {
                succeeded += future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return succeeded;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int incrementRetrying(Callable<?> increment) throws Exception {
        int succeeded = 0;
        for (int attempt = 1; succeeded < UPDATES_PER_THREAD; attempt++) {
            if (attempt > ATTEMPTS_PER_THREAD) {
                throw new AssertionError("only " + succeeded + " of " + UPDATES_PER_THREAD + " updates succeeded in "
                        + ATTEMPTS_PER_THREAD + " attempts");
            }
            try {
                increment.call();
                succeeded++;
            } catch (ConcurrentUpdateException e) {
                // lost the race: read again and retry, as the SDK does
            }
        }
        return succeeded;
    }
}
