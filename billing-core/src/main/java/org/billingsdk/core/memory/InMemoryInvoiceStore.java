package org.billingsdk.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.subscription.SubscriptionId;

final class InMemoryInvoiceStore implements InvoiceStore {

    private static final Comparator<Invoice> NEWEST_FIRST = Comparator
            .comparing(Invoice::issuedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(invoice -> invoice.number() == null ? 0 : invoice.number().sequence(),
                    Comparator.reverseOrder())
            .thenComparing(Invoice::id, Comparator.reverseOrder());

    private final InMemoryStorage storage;
    private final Map<InvoiceId, Invoice> byId = new ConcurrentHashMap<>();
    /** The open invoices, ordered by id: the only ones {@link #findPaymentDue} looks at. */
    private final ConcurrentSkipListMap<InvoiceId, Invoice> open = new ConcurrentSkipListMap<>();
    private final Map<CompanyId, Set<InvoiceId>> byCompany = new ConcurrentHashMap<>();
    /** The invoices with a line for each subscription, made out to its company or to its payer. */
    private final Map<SubscriptionId, Set<InvoiceId>> bySubscription = new ConcurrentHashMap<>();
    private final Map<PeriodKey, InvoiceId> billedPeriods = new ConcurrentHashMap<>();
    private final Set<InvoiceNumber> numbers = ConcurrentHashMap.newKeySet();

    private record PeriodKey(SubscriptionId subscription, Instant periodStart) {
    }

    InMemoryInvoiceStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Invoice insert(Invoice invoice) {
        return storage.write(() -> {
            if (invoice.state() == InvoiceState.DRAFT) {
                throw new IllegalArgumentException("a draft is never stored; finalize it first");
            }
            if (byId.containsKey(invoice.id())) {
                throw new DuplicateKeyException(EntityKind.INVOICE, invoice.id());
            }
            if (numbers.contains(invoice.number())) {
                throw new DuplicateKeyException(EntityKind.INVOICE_NUMBER, invoice.number());
            }
            List<PeriodKey> periods = invoice.lines().stream().filter(line -> line.kind() == InvoiceLine.Kind.PERIOD)
                    .map(InMemoryInvoiceStore::key).toList();
            Set<PeriodKey> seen = new HashSet<>();
            for (PeriodKey period : periods) {
                if (billedPeriods.containsKey(period) || !seen.add(period)) {
                    throw new DuplicateKeyException(EntityKind.INVOICE_LINE, "of subscription "
                            + period.subscription() + " for the period starting " + period.periodStart());
                }
            }
            Invoice stored = invoice.withVersion(1);
            put(stored);
            periods.forEach(period -> billedPeriods.put(period, stored.id()));
            numbers.add(stored.number());
            byCompany.computeIfAbsent(stored.companyId(), id -> ConcurrentHashMap.newKeySet()).add(stored.id());
            stored.lines().forEach(line -> bySubscription.computeIfAbsent(line.subscriptionId(),
                    id -> ConcurrentHashMap.newKeySet()).add(stored.id()));
            return stored;
        }, stored -> {
            byId.remove(stored.id());
            open.remove(stored.id());
            stored.lines().stream().filter(line -> line.kind() == InvoiceLine.Kind.PERIOD)
                    .forEach(line -> billedPeriods.remove(key(line)));
            numbers.remove(stored.number());
            byCompany.get(stored.companyId()).remove(stored.id());
            stored.lines().forEach(line -> bySubscription.getOrDefault(line.subscriptionId(), Set.of())
                    .remove(stored.id()));
        });
    }

    @Override
    public Invoice update(Invoice invoice) {
        Invoice previous = byId.get(invoice.id());
        return storage.write(() -> {
            Invoice current = byId.get(invoice.id());
            if (current == null) {
                throw new NotFoundException(EntityKind.INVOICE, invoice.id());
            }
            if (current.version() != invoice.version()) {
                throw new ConcurrentUpdateException(EntityKind.INVOICE, invoice.id(), invoice.version());
            }
            if (!current.lines().equals(invoice.lines()) || !current.companyId().equals(invoice.companyId())) {
                throw new IllegalArgumentException("an invoice's lines and company never change");
            }
            Invoice stored = invoice.withVersion(invoice.version() + 1);
            put(stored);
            return stored;
        }, stored -> put(previous));
    }

    @Override
    public Optional<Invoice> findById(InvoiceId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
        return companyIds.stream().distinct()
                .flatMap(company -> byCompany.getOrDefault(company, Set.of()).stream())
                .map(byId::get)
                .filter(invoice -> after == null || after.precedes(invoice))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Invoice> findByBilledPeriod(SubscriptionId subscription, Instant periodStart) {
        return Optional.ofNullable(billedPeriods.get(new PeriodKey(subscription, periodStart))).map(byId::get);
    }

    @Override
    public List<Invoice> findBySubscriptionPeriodEnd(SubscriptionId subscription, Instant periodEnd) {
        return bySubscription.getOrDefault(subscription, Set.of()).stream().map(byId::get)
                .filter(invoice -> invoice.lines().stream().anyMatch(line -> line.subscriptionId().equals(subscription)
                        && line.periodEnd().equals(periodEnd)))
                .sorted(InvoiceStore.ISSUE_ORDER)
                .toList();
    }

    @Override
    public List<Invoice> findOpenBySubscription(SubscriptionId subscription) {
        return open.values().stream()
                .filter(invoice -> invoice.lines().stream().anyMatch(line -> line.subscriptionId().equals(subscription)))
                .toList();
    }

    @Override
    public List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit) {
        NavigableMap<InvoiceId, Invoice> from = after == null ? open : open.tailMap(after, false);
        return from.values().stream()
                .filter(invoice -> invoice.nextPaymentAt() != null && !invoice.nextPaymentAt().isAfter(now))
                .limit(limit)
                .toList();
    }

    private void put(Invoice invoice) {
        byId.put(invoice.id(), invoice);
        if (invoice.state() == InvoiceState.OPEN) {
            open.put(invoice.id(), invoice);
        } else {
            open.remove(invoice.id());
        }
    }

    private static PeriodKey key(InvoiceLine line) {
        return new PeriodKey(line.subscriptionId(), line.periodStart());
    }
}
