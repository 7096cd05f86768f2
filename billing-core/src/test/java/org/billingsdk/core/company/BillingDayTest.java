package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.event.BillingDayChanged;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payer's billing day ({@code Accounts.setBillingDay}): the subscriptions it pays align to the
 * day at their next period's start, that first part prorated by its seconds over the whole period
 * ending on the day, rounded once, half-up, to the cent; every period after it starts on the day.
 * The fixture's clock starts on 2026-01-15 at 10:00 UTC.
 */
public class BillingDayTest extends OnEveryStorage {

    private Accounts accounts;
    private Company holding;
    private Company berlin;

    @BeforeEach
    void aParentPayingForAChild() {
        accounts = fixture.billing.accounts();
        holding = fixture.root("Acme Holding");
        berlin = fixture.child(holding, "Acme Berlin");
        fixture.addCard(holding, holding);
        accounts.setPayer(actor(holding), berlin.id(), holding.id());
    }

    private List<InvoiceLine> linesOf(Subscription subscription) {
        return fixture.storage.invoices().findByCompanies(List.of(holding.id()), null, 100).stream()
                .flatMap(invoice -> invoice.lines().stream())
                .filter(line -> line.subscriptionId().equals(subscription.id()))
                .sorted(Comparator.comparing(InvoiceLine::periodStart)).toList();
    }

    private void runAt(String instant) {
        Instant at = Instant.parse(instant);
        fixture.clock.set(at);
        fixture.billing.run(at);
    }

    @Test
    void aDayOutsideOneToTwentyEightIsRefusedNamingTheFieldAndNothingIsStored() {
        for (int day : new int[] {0, 29, 31, -1}) {
            InvalidInputException refused = catchThrowableOfType(
                    () -> accounts.setBillingDay(actor(holding), holding.id(), day), InvalidInputException.class);
            assertThat(refused.violations()).extracting(Violation::field).containsExactly("billingDay");
            assertThat(refused.getMessage()).contains(Integer.toString(day));
        }
        assertThat(accounts.find(actor(holding), holding.id()).billingDay()).isNull();
        assertThat(fixture.events.eventsOf(BillingDayChanged.class)).isEmpty();
    }

    @Test
    void settingChangingAndClearingTheDayAreEventsAndTheDayInForceChangesNothing() {
        assertThat(accounts.setBillingDay(actor(holding), holding.id(), 1).billingDay()).isEqualTo(BillingDay.of(1));
        accounts.setBillingDay(actor(holding), holding.id(), 1);
        accounts.setBillingDay(actor(holding), holding.id(), 28);
        Company cleared = accounts.clearBillingDay(actor(holding), holding.id());
        accounts.clearBillingDay(actor(holding), holding.id());

        assertThat(cleared.billingDay()).isNull();
        assertThat(fixture.events.eventsOf(BillingDayChanged.class))
                .extracting(BillingDayChanged::fromDay, BillingDayChanged::toDay)
                .containsExactly(tuple(null, 1), tuple(1, 28),
                        tuple(28, null));
    }

    @Test
    void aCompanyAnotherPaysForHasNoDayOfItsOwn() {
        RefusedException refused = catchThrowableOfType(
                () -> accounts.setBillingDay(actor(holding), berlin.id(), 1), RefusedException.class);

        assertThat(refused.refusal().code()).isEqualTo(RefusalCode.PAID_FOR_BY_ANOTHER);
        assertThat(refused.getMessage()).contains("Acme Berlin");
        assertThat(accounts.find(actor(holding), berlin.id()).billingDay()).isNull();
    }

    @Test
    void aNewSubscriptionIsInvoicedUpToTheDayProratedAndThenForWholePeriodsFromTheDay() {
        accounts.setBillingDay(actor(holding), holding.id(), 1);

        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        runAt("2026-02-01T00:00:00Z");
        runAt("2026-03-01T00:00:00Z");

        // 16 days 14 hours of January's 31 days: 49.00 x 1,432,800 / 2,678,400 = 26.2124 -> 26.21
        assertThat(linesOf(subscription)).extracting(InvoiceLine::periodStart, InvoiceLine::periodEnd,
                InvoiceLine::amount).containsExactly(
                        tuple(Instant.parse("2026-01-15T10:00:00Z"),
                                Instant.parse("2026-02-01T00:00:00Z"), eur("26.21")),
                        tuple(Instant.parse("2026-02-01T00:00:00Z"),
                                Instant.parse("2026-03-01T00:00:00Z"), eur("49.00")),
                        tuple(Instant.parse("2026-03-01T00:00:00Z"),
                                Instant.parse("2026-04-01T00:00:00Z"), eur("49.00")));
        assertThat(linesOf(subscription)).allMatch(line -> line.kind() == InvoiceLine.Kind.PERIOD);
    }

    @Test
    void aSubscriptionRunningWhenTheDayIsSetAlignsAtItsNextPeriodNotBefore() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        runAt("2026-01-20T00:00:00Z");
        accounts.setBillingDay(actor(holding), holding.id(), 1);

        runAt("2026-02-15T10:00:00Z");
        runAt("2026-03-01T00:00:00Z");

        // 13 days 14 hours of February's 28 days: 49.00 x 1,173,600 / 2,419,200 = 23.7708 -> 23.77
        assertThat(linesOf(subscription)).extracting(InvoiceLine::periodStart, InvoiceLine::amount).containsExactly(
                tuple(Instant.parse("2026-01-15T10:00:00Z"), eur("49.00")),
                tuple(Instant.parse("2026-02-15T10:00:00Z"), eur("23.77")),
                tuple(Instant.parse("2026-03-01T00:00:00Z"), eur("49.00")));
        assertThat(linesOf(subscription).get(1).periodEnd()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void aTrialAlignsAtItsEndAndAYearlyPlanProratesOverItsYear() {
        accounts.setBillingDay(actor(holding), holding.id(), 1);
        Subscription trial = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(), fixture.trial.id());
        Subscription yearly = fixture.billing.subscriptions().subscribe(actor(holding), holding.id(),
                fixture.yearly.id());

        runAt("2026-01-29T00:00:00Z");
        runAt("2026-02-01T00:00:00Z");

        // the trial ends on 29 January: 3 of January's 31 days, 49.00 x 3 / 31 = 4.7419 -> 4.74
        assertThat(linesOf(trial)).extracting(InvoiceLine::periodStart, InvoiceLine::periodEnd, InvoiceLine::amount)
                .containsExactly(tuple(Instant.parse("2026-01-29T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"), eur("4.74")),
                        tuple(Instant.parse("2026-02-01T00:00:00Z"),
                                Instant.parse("2026-03-01T00:00:00Z"), eur("49.00")));
        // 16 days 14 hours of the 365 days from 1 February 2025: 490.00 x 1,432,800 / 31,536,000 = 22.2626 -> 22.26
        assertThat(linesOf(yearly)).extracting(InvoiceLine::periodStart, InvoiceLine::periodEnd, InvoiceLine::amount)
                .containsExactly(tuple(Instant.parse("2026-01-15T10:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"), eur("22.26")),
                        tuple(Instant.parse("2026-02-01T00:00:00Z"),
                                Instant.parse("2027-02-01T00:00:00Z"), eur("490.00")));
    }

    @Test
    void aChangeInThePartialPeriodCreditsWhatItChargedAndProratesTheRestOverTheWholePeriod() {
        accounts.setBillingDay(actor(holding), holding.id(), 1);
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(berlin), berlin.id(),
                fixture.monthly.id());
        fixture.clock.set(Instant.parse("2026-01-20T00:00:00Z"));

        fixture.billing.changes().change(actor(berlin), subscription.id(), Change.toQuantity(2));

        Invoice change = fixture.storage.invoices().findByCompanies(List.of(holding.id()), null, 100).stream()
                .filter(invoice -> invoice.lines().size() == 2).findFirst().orElseThrow();
        // 12 of January's 31 days for two units: 98.00 x 12 / 31 = 37.9355 -> 37.94
        assertThat(change.lines()).extracting(InvoiceLine::kind, InvoiceLine::periodStart, InvoiceLine::amount)
                .containsExactly(
                        // the 26.21 charged for 1,432,800 s, 1,036,800 s of it unused: 18.9661 -> 18.97
                        tuple(InvoiceLine.Kind.UNUSED_TIME,
                                Instant.parse("2026-01-20T00:00:00Z"), eur("-18.97")),
                        tuple(InvoiceLine.Kind.REMAINING_TIME,
                                Instant.parse("2026-01-20T00:00:00Z"), eur("37.94")));
        assertThat(change.lines()).allMatch(line -> line.periodEnd().equals(Instant.parse("2026-02-01T00:00:00Z")));
    }
}
