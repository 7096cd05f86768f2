package org.billingsdk.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.event.SubscriptionChanged;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.Proration;
import org.billingsdk.core.subscription.ChangeTiming;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes racing the billing run and each other on real threads, on one {@code Billing} over the
 * in-memory storage (or the one a subclass gives, PostgreSQL among them): each change is applied
 * once, on the period it was made in, every line is credited at most once, no update is lost and
 * nothing is charged twice.
 */
public class ConcurrentChangesTest extends OnEveryStorage {

    private static final Instant RENEWAL = Instant.parse("2026-02-15T10:00:00Z");
    private static final Instant NEXT_RENEWAL = Instant.parse("2026-03-15T10:00:00Z");
    private static final int SUBSCRIPTIONS = 6;

    private Company acme;
    private Plan seats;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        seats = fixture.billing.catalog().addPlan(NewPlan.of("edr-seats", "edr", eur("4.90"), BillingInterval.MONTHLY)
                .withQuantities(1, 500));
    }

    private List<Invoice> invoicesOf(Subscription subscription) {
        return fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 1000).stream()
                .filter(invoice -> invoice.lines().stream()
                        .anyMatch(line -> line.subscriptionId().equals(subscription.id())))
                .toList();
    }

    private List<InvoiceLine> linesOf(Subscription subscription, Instant periodEnd) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (Invoice invoice : invoicesOf(subscription)) {
            invoice.lines().stream().filter(line -> line.subscriptionId().equals(subscription.id())
                    && line.periodEnd().equals(periodEnd)).forEach(lines::add);
        }
        return lines;
    }

    @Test
    void aChangeOnOneNodeRacingTheRenewalOnAnotherIsAppliedOnceOnTheNewPeriodAndNothingIsChargedTwice()
            throws Exception {
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            subscriptions.add(fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 10));
        }
        Instant now = RENEWAL.plusSeconds(3_600);
        fixture.clock.set(now);
        // A second node on the same storage, with the same provider and environments, makes the changes.
        BillingFixture other = BillingFixture.builder().storage(fixture.storage).withoutCatalog()
                .payments(ignored -> fixture.payments).environments(ignored -> fixture.environments).build();
        other.clock.set(now);

        Threads.concurrently(SUBSCRIPTIONS + 2, thread -> {
            if (thread >= SUBSCRIPTIONS) {
                return fixture.billing.run(now);
            }
            return other.billing.changes().change(actor(acme), subscriptions.get(thread).id(), Change.toQuantity(15));
        });
        fixture.billing.run(now);

        for (Subscription subscription : subscriptions) {
            Subscription stored = fixture.storage.subscriptions().findById(subscription.id()).orElseThrow();
            assertThat(stored.quantity()).isEqualTo(15);
            assertThat(stored.invoicedThrough()).isEqualTo(NEXT_RENEWAL);
            List<SubscriptionChanged> changed = new ArrayList<>(fixture.events.eventsOf(SubscriptionChanged.class));
            changed.addAll(other.events.eventsOf(SubscriptionChanged.class));
            // Events reach a sink at least once: two nodes may both deliver one; its id says it is the same.
            assertThat(changed).as("one change, delivered by either node").filteredOn(event -> event.subscriptionId()
                    .equals(subscription.id())).extracting(SubscriptionChanged::eventId).containsOnly(changed.stream()
                    .filter(event -> event.subscriptionId().equals(subscription.id())).findFirst().orElseThrow()
                    .eventId());
            assertThat(changed).filteredOn(event -> event.subscriptionId().equals(subscription.id())).first()
                    .satisfies(event -> {
                        assertThat(event.fromQuantity()).isEqualTo(10);
                        assertThat(event.toQuantity()).isEqualTo(15);
                    });
            List<InvoiceLine> period = linesOf(subscription, NEXT_RENEWAL);
            assertThat(period).extracting(InvoiceLine::kind).containsExactlyInAnyOrder(InvoiceLine.Kind.PERIOD,
                    InvoiceLine.Kind.UNUSED_TIME, InvoiceLine.Kind.REMAINING_TIME);
            InvoiceLine renewal = period.stream().filter(line -> line.kind() == InvoiceLine.Kind.PERIOD)
                    .findFirst().orElseThrow();
            assertThat(renewal.periodStart()).isEqualTo(RENEWAL);
            assertThat(renewal.quantity()).isEqualTo(10);
            MonetaryAmount unused = Proration.remainingShare(renewal.amount(), RENEWAL, NEXT_RENEWAL, now);
            assertThat(period).filteredOn(line -> line.kind() == InvoiceLine.Kind.UNUSED_TIME).singleElement()
                    .satisfies(line -> assertThat(line.amount()).isEqualTo(unused.negate()));
            assertThat(linesOf(subscription, RENEWAL)).singleElement()
                    .satisfies(line -> assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.PERIOD));
            for (Invoice invoice : invoicesOf(subscription)) {
                Invoice current = fixture.storage.invoices().findById(invoice.id()).orElseThrow();
                assertThat(fixture.payments.capturedFor(current.id())).as("charged once, in full")
                        .isEqualByComparingTo(current.total().getNumber().numberValueExact(BigDecimal.class));
            }
        }
    }

    @Test
    void concurrentChangesOfOneSubscriptionAreEachAppliedOnceAndCreditEachLineAtMostOnce() throws Exception {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 10);
        Instant now = Instant.parse("2026-01-25T10:00:00Z");
        fixture.clock.set(now);
        int threads = 6;

        List<ChangeResult> results = Threads.concurrently(threads, thread -> fixture.billing.changes()
                .change(actor(acme), subscription.id(), Change.toQuantity(20 + thread).at(ChangeTiming.IMMEDIATE)));

        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(ChangeResult.Applied.class));
        Subscription stored = fixture.storage.subscriptions().findById(subscription.id()).orElseThrow();
        assertThat(fixture.events.eventsOf(SubscriptionChanged.class)).hasSize(threads)
                .extracting(SubscriptionChanged::toQuantity).doesNotHaveDuplicates();
        assertThat(stored.version() - subscription.version()).isEqualTo(threads);
        List<InvoiceLine> lines = linesOf(subscription, RENEWAL);
        // Each change credits the line before it: on its invoice, or by a credit note when the credit is the larger.
        List<CreditNote> credits = invoicesOf(subscription).stream()
                .flatMap(invoice -> fixture.storage.creditNotes().findByInvoice(invoice.id()).stream()).toList();
        assertThat(credits).allSatisfy(note -> assertThat(note.reason()).isEqualTo(CreditReason.PLAN_CHANGE));
        assertThat(lines.stream().filter(line -> line.kind() == InvoiceLine.Kind.UNUSED_TIME).count() + credits.size())
                .isEqualTo(threads);
        assertThat(lines).filteredOn(line -> line.kind() == InvoiceLine.Kind.REMAINING_TIME).hasSize(threads);
        // All at one instant: each change credits the whole of the line before it, so the period nets
        // to its first charge, less its unused time, plus the rest at the last quantity.
        InvoiceLine first = lines.stream().filter(line -> line.kind() == InvoiceLine.Kind.PERIOD).findFirst()
                .orElseThrow();
        MonetaryAmount expected = first.amount()
                .subtract(Proration.remainingShare(first.amount(), first.periodStart(), RENEWAL, now))
                .add(Proration.remainingShare(seats.priceOf(stored.quantity()), first.periodStart(), RENEWAL, now));
        MonetaryAmount net = lines.stream().map(InvoiceLine::amount).reduce(MonetaryAmount::add).orElseThrow();
        for (CreditNote note : credits) {
            net = net.subtract(note.subtotal());
        }
        assertThat(net).isEqualTo(expected);
    }
}
