package org.billingsdk.examples.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.AuditLog;
import org.billingsdk.core.port.CatalogStore;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.CreditLedger;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.port.CustomerStore;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentMethodStore;
import org.billingsdk.core.port.PaymentSetupStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.RefundStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * A benchmark storage that behaves like a database seen from the heap: subscriptions are
 * generated from their index when read (their only state, "renewed", is one bit each); invoices
 * and payments are kept while open and only counted once closed; audit records are counted. It
 * holds companies, catalog, payment methods, set-ups, customer references, numbering and the
 * outbox in an {@link InMemoryStorage}. Only what a renewal run does is supported. Not for
 * production: writes to the generated parts are not undone by a failed transaction.
 */
final class StreamingStorage implements Storage {

    private final InMemoryStorage small = InMemoryStorage.create();
    private final int count;
    private final BitSet renewed;
    private final BitSet invoiced;
    private List<Company> companies;
    private Plan plan;
    private Instant start;
    private Instant renewal;

    private final Map<InvoiceId, Invoice> openInvoices = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, Payment> openPayments = new ConcurrentHashMap<>();
    private final AtomicLong closedInvoices = new AtomicLong();
    private final AtomicLong auditRecords = new AtomicLong();

    StreamingStorage(int count) {
        this.count = count;
        this.renewed = new BitSet(count);
        this.invoiced = new BitSet(count);
    }

    void generate(List<Company> owners, Plan subscribedPlan, Instant startedAt, Instant renewalAt) {
        this.companies = List.copyOf(owners);
        this.plan = subscribedPlan;
        this.start = startedAt;
        this.renewal = renewalAt;
    }

    private static int index(SubscriptionId id) {
        return (int) id.value().getMostSignificantBits();
    }

    private Subscription subscription(int index) {
        boolean done;
        synchronized (renewed) {
            done = renewed.get(index);
        }
        SubscriptionId id = new SubscriptionId(new UUID(index, 1));
        Subscription fresh = Subscription.subscribe(id, companies.get(index % companies.size()).id(), plan,
                EnvironmentId.of("env-" + index), start).periodInvoiced(renewal);
        return done
                ? fresh.periodInvoiced(fresh.periodEndAfter(renewal, plan.interval().months())).withVersion(2)
                : fresh.withVersion(1);
    }

    private final SubscriptionStore subscriptions = new SubscriptionStore() {
        @Override
        public Optional<Subscription> findById(SubscriptionId id) {
            int index = index(id);
            return index >= 0 && index < count ? Optional.of(subscription(index)) : Optional.empty();
        }

        @Override
        public Subscription insert(Subscription subscription) {
            throw new IllegalStateException("the benchmark storage generates its subscriptions; it takes no inserts");
        }

        @Override
        public Subscription update(Subscription subscription) {
            int index = index(subscription.id());
            synchronized (renewed) {
                long stored = renewed.get(index) ? 2 : 1;
                if (stored != subscription.version()) {
                    throw new ConcurrentUpdateException(EntityKind.SUBSCRIPTION, subscription.id(), subscription.version());
                }
                if (!subscription.invoicedThrough().isAfter(renewal) || subscription.isCancelled()) {
                    throw new IllegalStateException("the benchmark storage keeps renewals only");
                }
                renewed.set(index);
            }
            return subscription.withVersion(subscription.version() + 1);
        }

        @Override
        public List<Subscription> findByCompanies(Collection<CompanyId> companyIds) {
            throw new IllegalStateException("the benchmark storage answers what a renewal run asks, and not this");
        }

        @Override
        public List<Subscription> findDue(Instant now, SubscriptionId after, int limit) {
            List<Subscription> due = new ArrayList<>(limit);
            int from = after == null ? 0 : index(after) + 1;
            synchronized (renewed) {
                for (int i = renewed.nextClearBit(from); i < count && due.size() < limit; i = renewed.nextClearBit(i + 1)) {
                    due.add(subscription(i));
                }
            }
            return due;
        }

        @Override
        public List<Subscription> findAwaitingErasure(SubscriptionId after, int limit) {
            return List.of();
        }
    };

    private final InvoiceStore invoices = new InvoiceStore() {
        @Override
        public Invoice insert(Invoice invoice) {
            synchronized (invoiced) {
                for (InvoiceLine line : invoice.lines()) {
                    if (invoiced.get(index(line.subscriptionId()))) {
                        throw new DuplicateKeyException(EntityKind.INVOICE_LINE, line.subscriptionId());
                    }
                }
                invoice.lines().forEach(line -> invoiced.set(index(line.subscriptionId())));
            }
            Invoice stored = invoice.withVersion(1);
            openInvoices.put(stored.id(), stored);
            return stored;
        }

        @Override
        public Invoice update(Invoice invoice) {
            Invoice current = openInvoices.get(invoice.id());
            if (current == null || current.version() != invoice.version()) {
                throw new ConcurrentUpdateException(EntityKind.INVOICE, invoice.id(), invoice.version());
            }
            Invoice stored = invoice.withVersion(invoice.version() + 1);
            if (stored.state() == InvoiceState.OPEN) {
                openInvoices.put(stored.id(), stored);
            } else {
                openInvoices.remove(stored.id());
                closedInvoices.incrementAndGet();
            }
            return stored;
        }

        @Override
        public Optional<Invoice> findById(InvoiceId id) {
            return Optional.ofNullable(openInvoices.get(id));
        }

        @Override
        public List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
            return openInvoices.values().stream().filter(i -> companyIds.contains(i.companyId())).limit(limit).toList();
        }

        @Override
        public Optional<Invoice> findByBilledPeriod(SubscriptionId subscription, Instant periodStart) {
            return openInvoices.values().stream().filter(i -> i.lines().stream().anyMatch(line ->
                    line.subscriptionId().equals(subscription) && line.periodStart().equals(periodStart))).findFirst();
        }

        /** Of the open invoices only, which is all this storage keeps; the benchmark changes no plan. */
        @Override
        public List<Invoice> findBySubscriptionPeriodEnd(SubscriptionId subscription, Instant periodEnd) {
            return openInvoices.values().stream().filter(i -> i.lines().stream().anyMatch(line ->
                    line.subscriptionId().equals(subscription) && line.periodEnd().equals(periodEnd)))
                    .sorted(ISSUE_ORDER).toList();
        }

        @Override
        public List<Invoice> findOpenBySubscription(SubscriptionId subscription) {
            return openInvoices.values().stream()
                    .filter(i -> i.lines().stream().anyMatch(line -> line.subscriptionId().equals(subscription)))
                    .toList();
        }

        @Override
        public List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit) {
            return openInvoices.values().stream()
                    .filter(i -> i.nextPaymentAt() != null && !i.nextPaymentAt().isAfter(now))
                    .filter(i -> after == null || i.id().compareTo(after) > 0)
                    .sorted((a, b) -> a.id().compareTo(b.id()))
                    .limit(limit)
                    .toList();
        }
    };

    private final PaymentStore payments = new PaymentStore() {
        @Override
        public Payment insert(Payment payment) {
            Payment stored = payment.withVersion(1);
            if (openPayments.putIfAbsent(stored.idempotencyKey(), stored) != null) {
                throw new DuplicateKeyException(EntityKind.PAYMENT, payment.idempotencyKey());
            }
            return stored;
        }

        @Override
        public Payment update(Payment payment) {
            Payment stored = payment.withVersion(payment.version() + 1);
            if (stored.status().isFinal()) {
                openPayments.remove(stored.idempotencyKey());
            } else {
                openPayments.put(stored.idempotencyKey(), stored);
            }
            return stored;
        }

        @Override
        public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
            return Optional.ofNullable(openPayments.get(idempotencyKey));
        }

        @Override
        public List<Payment> findByInvoices(Collection<InvoiceId> invoiceIds) {
            return openPayments.values().stream().filter(p -> invoiceIds.contains(p.invoiceId())).toList();
        }
    };

    private final AuditLog audit = new AuditLog() {
        @Override
        public void append(AuditRecord record) {
            auditRecords.incrementAndGet();
        }

        @Override
        public List<AuditRecord> findByCompany(CompanyId companyId, int limit) {
            return List.of();
        }

        @Override
        public List<AuditRecord> findWithoutCompany(int limit) {
            return List.of();
        }
    };

    @Override
    public CompanyStore companies() {
        return small.companies();
    }

    @Override
    public CatalogStore catalog() {
        return small.catalog();
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public EventOutbox outbox() {
        return small.outbox();
    }

    @Override
    public InvoiceStore invoices() {
        return invoices;
    }

    @Override
    public InvoiceNumbering invoiceNumbers() {
        return small.invoiceNumbers();
    }

    @Override
    public CreditNoteStore creditNotes() {
        return small.creditNotes();
    }

    @Override
    public CreditLedger creditLedger() {
        return small.creditLedger();
    }

    @Override
    public RefundStore refunds() {
        return small.refunds();
    }

    @Override
    public PaymentMethodStore paymentMethods() {
        return small.paymentMethods();
    }

    @Override
    public PaymentSetupStore paymentSetups() {
        return small.paymentSetups();
    }

    @Override
    public CustomerStore customers() {
        return small.customers();
    }

    @Override
    public PaymentStore payments() {
        return payments;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return small.inTransaction(work);
    }
}
