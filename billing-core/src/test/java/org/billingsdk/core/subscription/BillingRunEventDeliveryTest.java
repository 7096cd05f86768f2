package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;

/** The billing run delivers its pages' events on a thread of its own, and all of them before it returns. */
class BillingRunEventDeliveryTest {

    private static final int SUBSCRIPTIONS = 2_100;

    @Test
    void theRunsPagesGoOnWhileTheSinkIsBusyAndEveryEventIsDeliveredOnceBeforeTheRunReturns()
            throws InterruptedException {
        AtomicBoolean holdFirstRunEvent = new AtomicBoolean();
        CountDownLatch everyPageAdvanced = new CountDownLatch(1);
        AtomicBoolean sinkSawEveryPageAdvanced = new AtomicBoolean();
        BillingFixture fixture = BillingFixture.builder().events(recording -> event -> {
            if (holdFirstRunEvent.getAndSet(false)) {
                // Were the run to wait for the sink, no page after the first would advance meanwhile.
                try {
                    sinkSawEveryPageAdvanced.set(everyPageAdvanced.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            recording.deliver(event);
        }).build();
        Company acme = fixture.root("Acme");
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        }
        Instant nextMonth = fixture.clock.instant().plus(Duration.ofDays(31));
        fixture.events.clear();
        holdFirstRunEvent.set(true);

        BillingRunReport report = fixture.billing.run(nextMonth, progress -> {
            if (progress.subscriptionsExamined() == SUBSCRIPTIONS) {
                everyPageAdvanced.countDown();
            }
        });

        assertThat(report.invoicesIssued()).isEqualTo(SUBSCRIPTIONS);
        assertThat(sinkSawEveryPageAdvanced).as("every page advanced while the sink held the first event").isTrue();
        List<BillingEvent> delivered = fixture.events.events();
        assertThat(delivered).map(BillingEvent::eventId).doesNotHaveDuplicates();
        assertThat(fixture.events.eventsOf(InvoiceIssued.class)).hasSize(SUBSCRIPTIONS);
        Map<InvoiceId, Integer> issuedAt = new HashMap<>();
        for (int i = 0; i < delivered.size(); i++) {
            if (delivered.get(i) instanceof InvoiceIssued issued) {
                issuedAt.put(issued.invoiceId(), i);
            } else if (delivered.get(i) instanceof InvoicePaid paid) {
                assertThat(issuedAt).as("issued before paid").containsKey(paid.invoiceId());
            }
        }
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).hasSize(SUBSCRIPTIONS);
    }

    @Test
    void anErrorTheSinkThrowsDuringTheRunReachesTheRunsCaller() {
        AtomicBoolean failNextEvent = new AtomicBoolean();
        AssertionError sinkBug = new AssertionError("the sink has a bug");
        BillingFixture fixture = BillingFixture.builder().events(recording -> event -> {
            if (failNextEvent.getAndSet(false)) {
                throw sinkBug;
            }
            recording.deliver(event);
        }).build();
        Company acme = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
        fixture.events.clear();
        failNextEvent.set(true);

        assertThatThrownBy(() -> fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(31))))
                .isSameAs(sinkBug);
        assertThat(fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(31))).invoicesIssued())
                .as("the renewal was committed before its events were delivered").isZero();
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).as("delivered by the next run").hasSize(1);
    }

    @Test
    void theRunLeavesNoDeliveringThreadBehind() {
        BillingFixture fixture = BillingFixture.inMemory();
        Company acme = fixture.root("Acme");
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());

        fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(31)));
        fixture.billing.run(fixture.clock.instant().plus(Duration.ofDays(62)));

        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName).doesNotContain("billing-run-events");
    }
}
