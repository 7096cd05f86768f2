package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.history.CreditNoteSummary;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.testing.OnEveryStorage;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.Test;

/**
 * The portal's cursors while others write: reading the list and the billing history page by page
 * while another thread subscribes (a new subscription, its first invoice) to new and existing
 * companies of the tree, every row that existed before the reading began is read exactly once,
 * and no row twice. Real threads, on every storage (PostgreSQL and H2 in the JDBC suite).
 */
public class PagingUnderWritesTest extends OnEveryStorage {

    private static final int PASSES = 6;
    private static final int WRITES = 30;

    @Test
    void everyRowThatExistedIsReadOnceAndNoneTwiceWhileSubscriptionsAreAdded() throws Exception {
        Company parent = fixture.root("Acme Holding");
        Actor alice = actor(parent);
        List<Company> children = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            children.add(fixture.child(parent, "Acme " + (char) ('B' + i * 2)));
        }
        for (Company child : children) {
            fixture.billing.subscriptions().subscribe(alice, child.id(), fixture.monthly.id());
        }
        Set<SubscriptionId> before = new HashSet<>();
        fixture.billing.subscriptions().all(alice, parent.id(), Scope.WITH_DESCENDANTS)
                .forEach(row -> before.add(row.subscriptionId()));
        Set<String> documentsBefore = new HashSet<>(history(alice, parent, 100));

        List<List<List<String>>> read = Threads.concurrently(2, thread -> {
            List<List<String>> passes = new ArrayList<>();
            if (thread == 0) {
                for (int pass = 0; pass < PASSES; pass++) {
                    passes.add(list(alice, parent, 5));
                    passes.add(history(alice, parent, 4));
                }
            } else {
                for (int i = 0; i < WRITES; i++) {
                    Company company = i % 3 == 0
                            ? fixture.child(parent, "Acme " + (char) ('A' + (i % 26)) + " new " + i)
                            : children.get(i % children.size());
                    fixture.billing.subscriptions().subscribe(alice, company.id(), fixture.monthly.id());
                }
            }
            return passes;
        });

        for (List<String> pass : read.get(0)) {
            assertThat(pass).doesNotHaveDuplicates();
        }
        for (int pass = 0; pass < PASSES; pass++) {
            assertThat(read.get(0).get(2 * pass)).containsAll(before.stream().map(SubscriptionId::toString).toList());
            assertThat(read.get(0).get(2 * pass + 1)).containsAll(documentsBefore);
        }
        assertThat(fixture.billing.subscriptions().all(alice, parent.id(), Scope.WITH_DESCENDANTS))
                .hasSize(before.size() + WRITES);
    }

    private List<String> list(Actor actor, Company company, int size) {
        List<String> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<SubscriptionView> page = fixture.billing.subscriptions().list(actor, company.id(),
                    Scope.WITH_DESCENDANTS, SubscriptionFilter.everyState(), request);
            page.items().forEach(row -> ids.add(row.subscriptionId().toString()));
            if (!page.hasNext()) {
                return ids;
            }
            request = page.next(size).orElseThrow();
        }
    }

    private List<String> history(Actor actor, Company company, int size) {
        List<String> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<HistoryEntry> page = fixture.billing.invoices().history(actor, company.id(), Scope.WITH_DESCENDANTS,
                    request);
            page.items().forEach(row -> ids.add(row instanceof InvoiceSummary invoice ? invoice.id().toString()
                    : ((CreditNoteSummary) row).id().toString()));
            if (!page.hasNext()) {
                return ids;
            }
            request = page.next(size).orElseThrow();
        }
    }
}
