package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingStorage;
import org.billingsdk.core.testing.ForwardingSubscriptionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing run advances a page of subscriptions as it claimed them, in the transaction that
 * claimed them, without reading them again; a claim answered from an older read (by a storage
 * that does not lock what it claims) makes the page's transaction lose its race, and the next try
 * reads the page afresh: each subscription is still billed once, and the page advanced as one.
 */
class BillingRunClaimedPageTest {

    /**
     * Counts the subscriptions read by id, notes how many each {@code updateAll} writes, and answers
     * each claim through {@code afterClaim}.
     */
    private static final class WatchedStorage extends ForwardingStorage {
        final AtomicInteger readById = new AtomicInteger();
        final List<String> companyReads = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> updatedTogether = Collections.synchronizedList(new ArrayList<>());
        volatile UnaryOperator<List<Subscription>> afterClaim = page -> page;

        WatchedStorage() {
            super(InMemoryStorage.create());
        }

        /** The subscriptions as stored, read and written without being watched. */
        SubscriptionStore stored() {
            return delegate.subscriptions();
        }

        /** Notes each read of the companies, by the method's name. */
        @Override
        public CompanyStore companies() {
            CompanyStore companies = delegate.companies();
            return (CompanyStore) Proxy.newProxyInstance(CompanyStore.class.getClassLoader(),
                    new Class<?>[] {CompanyStore.class}, (proxy, method, arguments) -> {
                        if (method.getName().startsWith("find")) {
                            companyReads.add(method.getName());
                        }
                        try {
                            return method.invoke(companies, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public SubscriptionStore subscriptions() {
            return new ForwardingSubscriptionStore(delegate.subscriptions()) {
                @Override
                public Optional<Subscription> findById(SubscriptionId id) {
                    readById.incrementAndGet();
                    return delegate.findById(id);
                }

                @Override
                public List<Subscription> findAllById(Collection<SubscriptionId> ids) {
                    readById.addAndGet(ids.size());
                    return delegate.findAllById(ids);
                }

                @Override
                public List<Subscription> updateAll(List<Subscription> subscriptions) {
                    updatedTogether.add(subscriptions.size());
                    return delegate.updateAll(subscriptions);
                }

                @Override
                public List<Subscription> claimDue(Instant now, SubscriptionId after, int limit) {
                    return afterClaim.apply(delegate.claimDue(now, after, limit));
                }
            };
        }
    }

    private final WatchedStorage storage = new WatchedStorage();
    private final BillingFixture fixture = BillingFixture.builder().storage(storage).build();
    private final List<Company> customers = new ArrayList<>();

    @BeforeEach
    void threeSubscribersAMonthLater() {
        for (String name : List.of("Acme", "Globex", "Initech")) {
            Company company = fixture.root(name);
            fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
            customers.add(company);
        }
        fixture.advance(Duration.ofDays(31));
    }

    @Test
    void aClaimedPageIsAdvancedWithoutReadingItsSubscriptionsAgain() {
        storage.readById.set(0);

        assertThat(fixture.billing.run(fixture.clock.instant()).invoicesIssued()).isEqualTo(3);

        // Recording the payments reads each subscription once (is it past due?); the advance reads none.
        assertThat(storage.readById).hasValue(3);
        assertThat(fixture.payments.distinctCharges()).isEqualTo(6);
    }

    @Test
    void aPageReadsItsCompaniesOnceForTheInvoicesAndTheirPayments() {
        storage.companyReads.clear();

        assertThat(fixture.billing.run(fixture.clock.instant()).invoicesIssued()).isEqualTo(3);

        assertThat(storage.companyReads).containsExactly("findAllById");
        assertThat(fixture.payments.distinctCharges()).isEqualTo(6);
    }

    @Test
    void aClaimAnsweredFromAnOlderReadCostsThePageASecondTryAndEachSubscriptionIsBilledOnce() {
        storage.afterClaim = page -> {
            storage.afterClaim = fresh -> fresh;
            return page.stream().map(subscription -> subscription.withVersion(subscription.version() - 1)).toList();
        };

        assertThat(fixture.billing.run(fixture.clock.instant()).invoicesIssued()).isEqualTo(3);

        assertThat(storage.updatedTogether).as("the first try refused, then the page advanced as one, read afresh")
                .containsExactly(customers.size(), customers.size());
        List<Subscription> all = customers.stream()
                .flatMap(company -> storage.stored().findByCompanies(List.of(company.id())).stream()).toList();
        assertThat(all).hasSize(3).allSatisfy(subscription -> assertThat(subscription.nextDueAt())
                .hasValueSatisfying(due -> assertThat(due).isAfter(fixture.clock.instant())));
        assertThat(fixture.payments.distinctCharges()).as("each subscription charged once a month").isEqualTo(6);
        assertThat(fixture.billing.run(fixture.clock.instant()).invoicesIssued()).isZero();
    }
}
