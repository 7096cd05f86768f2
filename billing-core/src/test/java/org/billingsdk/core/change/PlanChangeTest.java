package org.billingsdk.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.event.ChangeScheduled;
import org.billingsdk.core.event.ScheduledChangeRevoked;
import org.billingsdk.core.event.SubscriptionChanged;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.ChangeTiming;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes of plan and quantity through {@code Billing.changes()}, on every storage: the timing the
 * rules give, proration of an immediate change on one invoice (amounts worked out here in seconds
 * of the period, each line rounded once), the credit note of a net credit, scheduled changes in
 * the portal, revoked, replaced, dropped by a cancellation and applied by the billing run, the
 * refusals, and that a change never erases anything.
 */
public class PlanChangeTest extends OnEveryStorage {

    /** The fixture's subscriptions start here; their first monthly period ends a month later. */
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant RENEWAL = Instant.parse("2026-02-15T10:00:00Z");
    /** 21 of the period's 31 days are left on 2026-01-25T10:00Z. */
    private static final Instant MID = Instant.parse("2026-01-25T10:00:00Z");

    private Company acme;
    private Plan basic;
    private Plan pro;
    private Plan seats;
    private SubscriptionChanges changes;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        changes = fixture.billing.changes();
        basic = fixture.monthly; // EUR 49.00 a month
        pro = fixture.billing.catalog().addPlan(NewPlan.of("edr-pro", "edr", eur("99.00"), BillingInterval.MONTHLY));
        seats = fixture.billing.catalog().addPlan(NewPlan.of("edr-seats", "edr", eur("4.90"), BillingInterval.MONTHLY)
                .withQuantities(5, 100));
    }

    private Subscription subscribe(Plan plan) {
        return fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), plan.id());
    }

    private List<Invoice> invoicesNewestFirst() {
        return fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 100);
    }

    private void at(Instant instant) {
        fixture.clock.set(instant);
    }

    private Subscription stored(Subscription subscription) {
        return fixture.storage.subscriptions().findById(subscription.id()).orElseThrow();
    }

    @Test
    void anUpgradeMidPeriodIsImmediateAndIssuesOneInvoiceCreditingTheUnusedTimeAndChargingTheRest() {
        Subscription subscription = subscribe(basic);
        at(MID);

        ChangeResult result = changes.change(actor(acme), subscription.id(), Change.toPlan(pro.id()));

        ChangeResult.Applied applied = (ChangeResult.Applied) result;
        assertThat(applied.subscription().planId()).isEqualTo(pro.id());
        assertThat(applied.subscription().id()).isEqualTo(subscription.id());
        assertThat(applied.subscription().environmentId()).isEqualTo(subscription.environmentId());
        assertThat(applied.creditNote()).isNull();
        Invoice invoice = applied.invoice();
        assertThat(invoice.lines()).hasSize(2);
        InvoiceLine credit = invoice.lines().get(0);
        InvoiceLine charge = invoice.lines().get(1);
        // 49.00 x 21/31 days = 33.1935... -> 33.19; its VAT 21 % = 6.9699 -> 6.97, below zero
        assertThat(credit.kind()).isEqualTo(InvoiceLine.Kind.UNUSED_TIME);
        assertThat(credit.amount()).isEqualTo(eur("-33.19"));
        assertThat(credit.tax().amount()).isEqualTo(eur("-6.97"));
        assertThat(credit.planId()).isEqualTo(basic.id());
        assertThat(credit.description()).isEqualTo("Unused time on Endpoint Detection & Response");
        assertThat(credit.periodStart()).isEqualTo(MID);
        assertThat(credit.periodEnd()).isEqualTo(RENEWAL);
        // 99.00 x 21/31 = 67.0645... -> 67.06; VAT 14.0826 -> 14.08
        assertThat(charge.kind()).isEqualTo(InvoiceLine.Kind.REMAINING_TIME);
        assertThat(charge.amount()).isEqualTo(eur("67.06"));
        assertThat(charge.tax().amount()).isEqualTo(eur("14.08"));
        assertThat(charge.planId()).isEqualTo(pro.id());
        assertThat(charge.unitPrice()).isEqualTo(eur("99.00"));
        assertThat(charge.periodStart()).isEqualTo(MID);
        assertThat(charge.periodEnd()).isEqualTo(RENEWAL);
        assertThat(invoice.total()).isEqualTo(eur("40.98"));
        assertThat(invoice.state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo("40.98");
        assertThat(fixture.environments.erased()).isEmpty();
        assertThat(fixture.environments.isLive(subscription.environmentId())).isTrue();
    }

    @Test
    void theRenewalAfterAChangeInvoicesTheNewPlanForTheWholePeriod() {
        Subscription subscription = subscribe(basic);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(pro.id()));
        at(RENEWAL);

        fixture.billing.run(RENEWAL);

        Invoice renewal = invoicesNewestFirst().get(0);
        assertThat(renewal.lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.PERIOD);
            assertThat(line.planId()).isEqualTo(pro.id());
            assertThat(line.amount()).isEqualTo(eur("99.00"));
            assertThat(line.periodStart()).isEqualTo(RENEWAL);
        });
    }

    @Test
    void addingSeatsIsImmediateAndChargesTheNewQuantityForTheRestOfThePeriod() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 10);
        at(MID);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toQuantity(15));

        assertThat(applied.subscription().quantity()).isEqualTo(15);
        // unused: 49.00 x 21/31 = 33.19; rest: 73.50 x 21/31 = 49.79
        assertThat(applied.invoice().lines()).extracting(InvoiceLine::quantity, InvoiceLine::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, eur("-33.19")),
                        org.assertj.core.groups.Tuple.tuple(15, eur("49.79")));
        assertThat(fixture.billing.subscriptions().find(actor(acme), subscription.id()).billingAmount().amount())
                .isEqualTo(eur("73.50"));
    }

    @Test
    void aDowngradeWaitsForTheEndOfThePeriodShowsInThePortalAndTheRunAppliesIt() {
        Subscription subscription = subscribe(pro);
        at(MID);

        ChangeResult result = changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));

        assertThat(result).isEqualTo(new ChangeResult.Scheduled(subscription.id(),
                new ScheduledChange(basic.id(), 1, RENEWAL), null));
        SubscriptionView view = fixture.billing.subscriptions().find(actor(acme), subscription.id());
        assertThat(view.planId()).isEqualTo(pro.id());
        assertThat(view.scheduledChange()).isEqualTo(new ScheduledChange(basic.id(), 1, RENEWAL));
        assertThat(view.scheduledBillingAmount().amount()).isEqualTo(eur("49.00"));
        assertThat(invoicesNewestFirst()).hasSize(1);

        at(RENEWAL);
        fixture.billing.run(RENEWAL);

        assertThat(stored(subscription).planId()).isEqualTo(basic.id());
        assertThat(stored(subscription).scheduledChange()).isNull();
        assertThat(invoicesNewestFirst().get(0).lines()).singleElement()
                .satisfies(line -> assertThat(line.amount()).isEqualTo(eur("49.00")));
        assertThat(fixture.events.eventsOf(SubscriptionChanged.class)).singleElement()
                .satisfies(event -> {
                    assertThat(event.fromPlan()).isEqualTo(pro.id());
                    assertThat(event.toPlan()).isEqualTo(basic.id());
                    assertThat(event.effectiveAt()).isEqualTo(RENEWAL);
                });
    }

    @Test
    void theReadShowsADueScheduledChangeAsTakenBeforeTheRunCatchesUp() {
        Subscription subscription = subscribe(pro);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));

        at(RENEWAL.plusSeconds(60));

        SubscriptionView view = fixture.billing.subscriptions().find(actor(acme), subscription.id());
        assertThat(view.planId()).isEqualTo(basic.id());
        assertThat(view.scheduledChange()).isNull();
        assertThat(view.billingAmount().amount()).isEqualTo(eur("49.00"));
        assertThat(stored(subscription).planId()).isEqualTo(pro.id());
    }

    @Test
    void aScheduledChangeCanBeRevokedBeforeItsDateAndNotAfter() {
        Subscription subscription = subscribe(pro);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));

        RevokeChangeResult revoked = changes.revoke(actor(acme), subscription.id());

        assertThat(revoked).isEqualTo(new RevokeChangeResult.Revoked(subscription.id(),
                new ScheduledChange(basic.id(), 1, RENEWAL)));
        assertThat(stored(subscription).scheduledChange()).isNull();
        assertThat(fixture.events.eventsOf(ScheduledChangeRevoked.class)).singleElement()
                .extracting(ScheduledChangeRevoked::why).isEqualTo(ScheduledChangeRevoked.Why.REVOKED);

        changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));
        at(RENEWAL);
        RevokeChangeResult late = changes.revoke(actor(acme), subscription.id());

        assertThat(late).isInstanceOfSatisfying(RevokeChangeResult.Refused.class,
                refused -> assertThat(refused.reason().code()).isEqualTo(RefusalCode.NO_CHANGE_SCHEDULED));
        assertThat(stored(subscription).planId()).isEqualTo(basic.id());
    }

    @Test
    void aNewerChangeReplacesTheScheduledOne() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 20);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toQuantity(10));

        ChangeResult result = changes.change(actor(acme), subscription.id(), Change.toQuantity(12));

        assertThat(result).isEqualTo(new ChangeResult.Scheduled(subscription.id(),
                new ScheduledChange(seats.id(), 12, RENEWAL), new ScheduledChange(seats.id(), 10, RENEWAL)));
        assertThat(fixture.events.eventsOf(ScheduledChangeRevoked.class)).singleElement()
                .extracting(ScheduledChangeRevoked::why).isEqualTo(ScheduledChangeRevoked.Why.REPLACED);
        assertThat(fixture.events.eventsOf(ChangeScheduled.class)).hasSize(2);

        ChangeResult.Applied upgrade = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toQuantity(30));

        assertThat(upgrade.replaced()).isEqualTo(new ScheduledChange(seats.id(), 12, RENEWAL));
        assertThat(stored(subscription).scheduledChange()).isNull();
    }

    @Test
    void cancellingDropsTheScheduledChangeAndTheResultSaysSo() {
        Subscription subscription = subscribe(pro);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));

        CancelResult cancelled = fixture.billing.subscriptions().cancel(actor(acme), subscription.id(),
                DataErasure.ACKNOWLEDGED);

        assertThat(cancelled).isInstanceOfSatisfying(CancelResult.Cancelled.class, done -> assertThat(
                done.droppedChange()).isEqualTo(new ScheduledChange(basic.id(), 1, RENEWAL)));
        assertThat(fixture.events.eventsOf(ScheduledChangeRevoked.class)).singleElement()
                .extracting(ScheduledChangeRevoked::why).isEqualTo(ScheduledChangeRevoked.Why.CANCELLED);
    }

    @Test
    void aChangeWhileACancellationIsScheduledIsRefusedUntilItIsRemoved() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.contract.id());
        fixture.billing.subscriptions().cancel(actor(acme), subscription.id(), DataErasure.ACKNOWLEDGED);

        ChangeResult refused = changes.change(actor(acme), subscription.id(), Change.toQuantity(3));

        assertThat(refused).isInstanceOfSatisfying(ChangeResult.Refused.class,
                r -> assertThat(r.reason().code()).isEqualTo(RefusalCode.CANCELLATION_SCHEDULED));
        fixture.billing.subscriptions().removeScheduledCancellation(actor(acme), subscription.id());
        assertThat(changes.change(actor(acme), subscription.id(), Change.toQuantity(3)))
                .isInstanceOf(ChangeResult.Applied.class);
    }

    @Test
    void underAContractADecreaseWaitsForTheTermsEndAndCannotBeMadeSooner() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(),
                fixture.contract.id(), 10);
        Instant termEnd = subscription.contractEnd();
        at(MID);

        ChangeResult decrease = changes.change(actor(acme), subscription.id(), Change.toQuantity(6));
        ChangeResult sooner = changes.change(actor(acme), subscription.id(),
                Change.toQuantity(6).at(ChangeTiming.IMMEDIATE));

        assertThat(decrease).isInstanceOfSatisfying(ChangeResult.Scheduled.class,
                s -> assertThat(s.change().effectiveOn()).isEqualTo(termEnd));
        assertThat(sooner).isInstanceOfSatisfying(ChangeResult.Refused.class,
                r -> assertThat(r.reason().code()).isEqualTo(RefusalCode.COMMITTED_UNTIL_TERM_END));
        assertThat(changes.change(actor(acme), subscription.id(), Change.toQuantity(12)))
                .isInstanceOfSatisfying(ChangeResult.Applied.class,
                        a -> assertThat(a.subscription().quantity()).isEqualTo(12));
    }

    @Test
    void theRefusalsNameTheirReasonAndChangeNothing() {
        fixture.billing.catalog().addProduct(new NewProduct("siem", "SIEM", "Security events."));
        Plan siem = fixture.billing.catalog().addPlan(NewPlan.of("siem-monthly", "siem", eur("10.00"),
                BillingInterval.MONTHLY));
        Subscription subscription = subscribe(basic);

        assertThat(code(changes.change(actor(acme), subscription.id(), Change.toPlan(siem.id()))))
                .isEqualTo(RefusalCode.OTHER_PRODUCT);
        assertThat(code(changes.change(actor(acme), subscription.id(), Change.to(basic.id(), 1))))
                .isEqualTo(RefusalCode.SAME_PLAN_AND_QUANTITY);
        assertThat(code(changes.change(actor(acme), subscription.id(), Change.toPlan(seats.id()))))
                .isEqualTo(RefusalCode.QUANTITY_OUT_OF_RANGE);
        assertThat(code(changes.change(actor(acme), subscription.id(),
                Change.toPlan(pro.id()).at(ChangeTiming.END_OF_TERM)))).isEqualTo(RefusalCode.NOT_UNDER_CONTRACT);
        assertThat(stored(subscription)).isEqualTo(subscription);
        assertThatThrownBy(() -> changes.change(actor(acme), subscription.id(), new Change(null, -2, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(org.billingsdk.core.Violation::field).containsExactly("quantity"));
        assertThatThrownBy(() -> changes.change(actor(acme), subscription.id(), new Change(null, 0, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    private static RefusalCode code(ChangeResult result) {
        return ((ChangeResult.Refused) result).reason().code();
    }

    @Test
    void theEnvironmentsPortCanRefuseAChangeWithItsReasonAndThenNothingChanges() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 20);
        fixture.environments.inUse(18);

        ChangeResult result = changes.change(actor(acme), subscription.id(),
                Change.toQuantity(10).at(ChangeTiming.END_OF_PERIOD));

        assertThat(result).isInstanceOfSatisfying(ChangeResult.Refused.class, refused -> {
            assertThat(refused.reason().code()).isEqualTo(RefusalCode.ENVIRONMENT_REFUSED);
            assertThat(refused.reason().message()).contains("18 endpoints enrolled");
        });
        assertThat(stored(subscription)).isEqualTo(subscription);
        assertThat(fixture.environments.changeQuestions()).isEqualTo(1);
    }

    @Test
    void whilePastDueAnImmediateChangeIsRefusedButAScheduledOneIsKept() {
        Subscription subscription = subscribe(pro);
        fixture.payments.chargesByDefault(org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.DECLINE);
        at(RENEWAL);
        fixture.billing.run(RENEWAL);
        assertThat(stored(subscription).state()).isEqualTo(SubscriptionState.PAST_DUE);

        ChangeResult upgrade = changes.change(actor(acme), subscription.id(), Change.toQuantity(2));
        ChangeResult scheduled = changes.change(actor(acme), subscription.id(), Change.toPlan(basic.id()));

        assertThat(code(upgrade)).isEqualTo(RefusalCode.PAST_DUE);
        assertThat(scheduled).isInstanceOf(ChangeResult.Scheduled.class);
        assertThat(stored(subscription).scheduledChange()).isNotNull();
    }

    @Test
    void inATrialAChangeIsNotProratedAndTheNewPlanIsInvoicedAtConversion() {
        Subscription subscription = subscribe(fixture.trial);
        at(START.plus(Duration.ofDays(3)));

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(pro.id()));

        assertThat(applied.invoice()).isNull();
        assertThat(applied.subscription().state()).isEqualTo(SubscriptionState.TRIALING);
        assertThat(applied.subscription().trialEnd()).isEqualTo(subscription.trialEnd());
        assertThat(invoicesNewestFirst()).isEmpty();
        at(subscription.trialEnd());
        fixture.billing.run(subscription.trialEnd());
        assertThat(invoicesNewestFirst()).singleElement().satisfies(invoice -> assertThat(invoice.lines().get(0)
                .amount()).isEqualTo(eur("99.00")));
    }

    @Test
    void anImmediateDowngradeWhoseCreditIsTheLargerIsACreditNoteToTheBalanceThatSettlesTheRest() {
        Subscription subscription = subscribe(pro);
        at(MID);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(basic.id()).at(ChangeTiming.IMMEDIATE));

        // unused 99.00 x 21/31 = 67.06 (+ VAT 14.08); the rest 49.00 x 21/31 = 33.19 (+ VAT 6.97)
        CreditNote note = applied.creditNote();
        assertThat(note.reason()).isEqualTo(CreditReason.PLAN_CHANGE);
        assertThat(note.destination()).isEqualTo(CreditDestination.BALANCE);
        assertThat(note.total()).isEqualTo(eur("81.14"));
        Invoice rest = applied.invoice();
        assertThat(rest.lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.REMAINING_TIME);
            assertThat(line.amount()).isEqualTo(eur("33.19"));
        });
        assertThat(rest.creditApplied()).isEqualTo(eur("40.16"));
        assertThat(rest.state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).singleElement()
                .isEqualTo(eur("40.98"));
        assertThat(fixture.payments.capturedFor(rest.id())).isZero();
    }

    @Test
    void thePreviewIsWhatTheChangeIssuesAtTheSameInstant() {
        Subscription upgrading = subscribe(basic);
        Subscription downgrading = subscribe(pro);
        at(MID);

        ChangePreview.Immediate up = (ChangePreview.Immediate) changes.preview(actor(acme), upgrading.id(),
                Change.toPlan(pro.id()));
        ChangePreview.Immediate down = (ChangePreview.Immediate) changes.preview(actor(acme), downgrading.id(),
                Change.toPlan(basic.id()).at(ChangeTiming.IMMEDIATE));
        assertThat(changes.preview(actor(acme), upgrading.id(), Change.toPlan(pro.id()).at(ChangeTiming.END_OF_PERIOD)))
                .isEqualTo(new ChangePreview.Scheduled(upgrading.id(), new ScheduledChange(pro.id(), 1, RENEWAL)));
        assertThat(invoicesNewestFirst()).hasSize(2);

        ChangeResult.Applied upApplied = (ChangeResult.Applied) changes.change(actor(acme), upgrading.id(),
                Change.toPlan(pro.id()));
        ChangeResult.Applied downApplied = (ChangeResult.Applied) changes.change(actor(acme), downgrading.id(),
                Change.toPlan(basic.id()).at(ChangeTiming.IMMEDIATE));

        assertSameDocument(up.invoice(), upApplied.invoice());
        assertThat(up.creditNote()).isNull();
        assertThat(down.creditNote().lines()).isEqualTo(downApplied.creditNote().lines());
        assertThat(down.creditNote().total()).isEqualTo(downApplied.creditNote().total());
        assertThat(down.creditNote().invoiceId()).isEqualTo(downApplied.creditNote().invoiceId());
        assertSameDocument(down.invoice(), downApplied.invoice());
    }

    private static void assertSameDocument(Invoice preview, Invoice issued) {
        assertThat(preview.lines()).isEqualTo(issued.lines());
        assertThat(preview.subtotal()).isEqualTo(issued.subtotal());
        assertThat(preview.taxTotal()).isEqualTo(issued.taxTotal());
        assertThat(preview.total()).isEqualTo(issued.total());
        assertThat(preview.creditApplied()).isEqualTo(issued.creditApplied());
    }

    @Test
    void aChangeOfIntervalIsImmediateAndStartsANewPeriodAtTheChange() {
        Subscription subscription = subscribe(basic);
        at(MID);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(fixture.yearly.id()));

        assertThat(applied.subscription().billingAnchor()).isEqualTo(MID);
        assertThat(applied.subscription().invoicedThrough()).isEqualTo(Instant.parse("2027-01-25T10:00:00Z"));
        assertThat(applied.invoice().lines()).extracting(InvoiceLine::kind, InvoiceLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(InvoiceLine.Kind.UNUSED_TIME, eur("-33.19")),
                org.assertj.core.groups.Tuple.tuple(InvoiceLine.Kind.PERIOD, eur("490.00")));
        assertThat(applied.invoice().lines().get(1).periodStart()).isEqualTo(MID);
    }

    @Test
    void changesAreAuditedAsAppliedScheduledAndRevoked() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 20);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toQuantity(25));
        changes.change(actor(acme), subscription.id(), Change.toQuantity(8));
        changes.revoke(actor(acme), subscription.id());

        assertThat(fixture.billing.audit().ofCompany(actor(acme), acme.id(), 100))
                .extracting(record -> record.action())
                .contains(SubscriptionChanged.TYPE, ChangeScheduled.TYPE, ScheduledChangeRevoked.TYPE);
    }

    @Test
    void anotherCompanysSubscriptionIsNotFound() {
        Subscription subscription = subscribe(basic);
        Company other = fixture.root("Other");

        assertThatThrownBy(() -> changes.change(actor(other), subscription.id(), Change.toPlan(pro.id())))
                .isInstanceOf(org.billingsdk.core.NotFoundException.class);
        assertThatThrownBy(() -> changes.preview(actor(other), subscription.id(), Change.toPlan(pro.id())))
                .isInstanceOf(org.billingsdk.core.NotFoundException.class);
        assertThatThrownBy(() -> changes.revoke(actor(other), subscription.id()))
                .isInstanceOf(org.billingsdk.core.NotFoundException.class);
        assertThat(fixture.billing.subscriptions().active(actor(acme), acme.id(), Scope.COMPANY_ONLY)).singleElement()
                .extracting(SubscriptionView::planId).isEqualTo(basic.id());
    }

    @Test
    void afterAChangeOnlyTheUsedTimeOfTheLineItSupersededCanStillBeCredited() {
        Subscription subscription = subscribe(basic);
        Invoice first = invoicesNewestFirst().get(0);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(pro.id()));

        org.billingsdk.core.credit.Creditable left = fixture.billing.credits().creditable(actor(acme), first.id());

        // 49.00 less the 33.19 of unused time the change credited; VAT 10.29 less 6.97
        assertThat(left.net(0)).isEqualTo(eur("15.81"));
        assertThat(left.vat(0)).isEqualTo(eur("3.32"));
        assertThatThrownBy(() -> fixture.billing.credits().issue(actor(acme), first.id(),
                org.billingsdk.core.credit.CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER,
                        CreditDestination.BALANCE, org.billingsdk.core.credit.CreditRequest.Line.of(0, eur("15.82")))))
                .isInstanceOfSatisfying(org.billingsdk.core.RefusedException.class, e -> assertThat(e.refusal().code())
                        .isEqualTo(RefusalCode.EXCEEDS_CREDITABLE));
    }

    @Test
    void anUpgradeAtTheStartOfThePeriodCreditsItAllAndChargesTheNewPlanInFull() {
        Subscription subscription = subscribe(basic);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(pro.id()));

        assertThat(applied.invoice().lines()).extracting(InvoiceLine::amount).containsExactly(eur("-49.00"),
                eur("99.00"));
        assertThat(applied.invoice().lines().get(0).tax().amount()).isEqualTo(eur("-10.29"));
        assertThat(applied.invoice().total()).isEqualTo(eur("60.50"));
    }

    @Test
    void anUpgradeOnTheLastDayChargesOnlyThatDay() {
        Subscription subscription = subscribe(basic);
        at(RENEWAL.minus(Duration.ofDays(1)));

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(pro.id()));

        // one day of 31: 49.00 / 31 = 1.5806 -> 1.58; 99.00 / 31 = 3.1935 -> 3.19
        assertThat(applied.invoice().lines()).extracting(InvoiceLine::amount).containsExactly(eur("-1.58"),
                eur("3.19"));
        assertThat(applied.invoice().lines()).allSatisfy(line -> assertThat(line.periodStart())
                .isEqualTo(RENEWAL.minus(Duration.ofDays(1))));
    }

    @Test
    void anUpgradeAtTheRenewalInstantBeforeTheRunFirstRenewsThenCreditsTheWholeNewPeriod() {
        Subscription subscription = subscribe(basic);
        at(RENEWAL);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(pro.id()));

        List<Invoice> invoices = invoicesNewestFirst();
        assertThat(invoices).hasSize(3);
        assertThat(invoices.get(1).lines()).singleElement().satisfies(line -> {
            assertThat(line.periodStart()).isEqualTo(RENEWAL);
            assertThat(line.amount()).isEqualTo(eur("49.00"));
        });
        assertThat(applied.invoice().lines()).extracting(InvoiceLine::amount).containsExactly(eur("-49.00"),
                eur("99.00"));
        assertThat(applied.invoice().lines()).allSatisfy(line -> assertThat(line.periodEnd())
                .isEqualTo(Instant.parse("2026-03-15T10:00:00Z")));
        fixture.billing.run(RENEWAL);
        assertThat(invoicesNewestFirst()).hasSize(3);
    }

    @Test
    void fromYearlyToMonthlyIsImmediateTheUnusedYearGoesToTheBalanceAndPaysTheMonthsAfter() {
        Subscription subscription = subscribe(fixture.yearly); // EUR 490.00 a year
        Instant twoMonthsIn = Instant.parse("2026-03-15T10:00:00Z");
        at(twoMonthsIn);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(basic.id()));

        // 306 of 365 days unused: 490.00 x 306/365 = 410.79, VAT 86.27
        assertThat(applied.creditNote().total()).isEqualTo(eur("497.06"));
        assertThat(applied.subscription().billingAnchor()).isEqualTo(twoMonthsIn);
        assertThat(applied.invoice().lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.PERIOD);
            assertThat(line.amount()).isEqualTo(eur("49.00"));
            assertThat(line.periodStart()).isEqualTo(twoMonthsIn);
        });
        assertThat(applied.invoice().creditApplied()).isEqualTo(eur("59.29"));
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).singleElement()
                .isEqualTo(eur("437.77"));
        Instant nextMonth = Instant.parse("2026-04-15T10:00:00Z");
        at(nextMonth);
        fixture.billing.run(nextMonth);
        assertThat(invoicesNewestFirst().get(0).creditApplied()).isEqualTo(eur("59.29"));
        assertThat(fixture.payments.capturedFor(invoicesNewestFirst().get(0).id())).isZero();
    }

    @Test
    void aProratedCancellationAfterAChangeCreditsTheRemainingTimeLineNotTheSupersededOne() {
        org.billingsdk.core.testing.BillingFixture prorated = org.billingsdk.core.testing.BillingFixture.builder()
                .storage(newStorage()).cancellationCredit(org.billingsdk.core.credit.CancellationCredit.PRORATED)
                .build();
        Company beta = prorated.root("Beta");
        Plan betaPro = prorated.billing.catalog().addPlan(NewPlan.of("edr-pro", "edr", eur("99.00"),
                BillingInterval.MONTHLY));
        Subscription subscription = prorated.billing.subscriptions().subscribe(actor(beta), beta.id(),
                prorated.monthly.id());
        prorated.clock.set(MID);
        Invoice change = ((ChangeResult.Applied) prorated.billing.changes().change(actor(beta), subscription.id(),
                Change.toPlan(betaPro.id()))).invoice();
        prorated.clock.set(Instant.parse("2026-02-05T10:00:00Z"));

        prorated.billing.subscriptions().cancel(actor(beta), subscription.id(), DataErasure.ACKNOWLEDGED);

        List<CreditNote> notes = prorated.storage.creditNotes().findByInvoice(change.id());
        // from the remaining-time line: its 67.06 x 10 of its 21 days = 31.933... -> 31.93
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.reason()).isEqualTo(CreditReason.CANCELLATION);
            assertThat(note.lines()).singleElement().satisfies(line -> {
                assertThat(line.invoiceLine()).isEqualTo(1);
                assertThat(line.amount()).isEqualTo(eur("31.93"));
            });
        });
        Invoice first = prorated.storage.invoices().findByCompanies(List.of(beta.id()), null, 10).get(1);
        assertThat(prorated.storage.creditNotes().findByInvoice(first.id())).isEmpty();
    }

    @Test
    void afterAChangeOfIntervalOnlyTheUsedTimeOfTheMonthItSupersededCanStillBeCredited() {
        Subscription subscription = subscribe(basic);
        Invoice first = invoicesNewestFirst().get(0);
        at(MID);
        changes.change(actor(acme), subscription.id(), Change.toPlan(fixture.yearly.id()));

        org.billingsdk.core.credit.Creditable left = fixture.billing.credits().creditable(actor(acme), first.id());

        assertThat(left.net(0)).isEqualTo(eur("15.81"));
        assertThat(left.vat(0)).isEqualTo(eur("3.32"));
    }

    @Test
    void aChangeOfIntervalAtTheRenewalInstantCreditsTheMonthJustInvoicedAndChargesTheYear() {
        Subscription subscription = subscribe(basic);
        at(RENEWAL);

        ChangeResult.Applied applied = (ChangeResult.Applied) changes.change(actor(acme), subscription.id(),
                Change.toPlan(fixture.yearly.id()));

        assertThat(applied.invoice().lines()).extracting(InvoiceLine::kind, InvoiceLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(InvoiceLine.Kind.UNUSED_TIME, eur("-49.00")),
                org.assertj.core.groups.Tuple.tuple(InvoiceLine.Kind.REMAINING_TIME, eur("490.00")));
        assertThat(applied.invoice().lines().get(1).periodEnd()).isEqualTo(Instant.parse("2027-02-15T10:00:00Z"));
        assertThat(applied.subscription().invoicedThrough()).isEqualTo(Instant.parse("2027-02-15T10:00:00Z"));
        fixture.billing.run(RENEWAL);
        assertThat(invoicesNewestFirst()).hasSize(3);
    }

    @Test
    void aPlanPricedInAnotherCurrencyIsRefused() {
        Plan dollars = fixture.billing.catalog().addPlan(NewPlan.of("edr-usd", "edr",
                org.javamoney.moneta.Money.of(99, "USD"), BillingInterval.MONTHLY));
        Subscription subscription = subscribe(basic);
        at(MID);

        assertThat(code(changes.change(actor(acme), subscription.id(), Change.toPlan(dollars.id()))))
                .isEqualTo(RefusalCode.OTHER_CURRENCY);
        assertThat(changes.preview(actor(acme), subscription.id(), Change.toPlan(dollars.id())))
                .isInstanceOf(ChangePreview.Refused.class);
    }

    @Test
    void aContractThatAChangeStartsRunsAFullTermAndEndsOnTheAnchorsTermBoundary() {
        Subscription subscription = subscribe(basic);
        Instant december = Instant.parse("2026-12-15T10:00:00Z");
        at(december.minus(Duration.ofDays(5)));
        fixture.billing.run(december.minus(Duration.ofDays(5)));
        changes.change(actor(acme), subscription.id(), Change.toPlan(fixture.contract.id()));
        at(december);

        fixture.billing.run(december);

        Subscription changed = stored(subscription);
        assertThat(changed.planId()).isEqualTo(fixture.contract.id());
        // at least twelve months from 2026-12-15, on the anchor's yearly boundary (the 15th of January)
        assertThat(changed.contractEnd()).isEqualTo(Instant.parse("2028-01-15T10:00:00Z"));
        assertThat(fixture.billing.subscriptions().find(actor(acme), subscription.id()).contractEnd())
                .isEqualTo(changed.contractEnd());
    }

    @Test
    void whenTheEnvironmentsPortWasAskedAboutAnotherChangeThanTheOneMadeItIsAskedAgain() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 10);
        at(MID);
        org.billingsdk.core.testing.BillingFixture racing = org.billingsdk.core.testing.BillingFixture.builder()
                .storage(fixture.storage).withoutCatalog().payments(ignored -> fixture.payments)
                .environments(fake -> new org.billingsdk.core.port.ProductEnvironments() {
                    private boolean raced;

                    @Override
                    public org.billingsdk.core.subscription.EnvironmentId provision(
                            org.billingsdk.core.subscription.SubscriptionId id, org.billingsdk.core.company.CompanyId
                            company, org.billingsdk.core.catalog.ProductCode product) {
                        return fake.provision(id, company, product);
                    }

                    @Override
                    public org.billingsdk.core.port.ErasureOutcome decommissionAndErase(
                            org.billingsdk.core.subscription.EnvironmentId environment,
                            org.billingsdk.core.subscription.SubscriptionId id) {
                        return fake.decommissionAndErase(environment, id);
                    }

                    @Override
                    public java.util.Optional<String> refusalToChange(org.billingsdk.core.subscription.EnvironmentId
                            environment, org.billingsdk.core.subscription.SubscriptionId id,
                            org.billingsdk.core.catalog.PlanId plan, int quantity, Instant effectiveOn) {
                        asked.add(plan + " x" + quantity);
                        if (!raced) {
                            raced = true; // meanwhile, another request sets 50 seats
                            changes.change(actor(acme), subscription.id(), Change.toQuantity(50));
                        }
                        return java.util.Optional.empty();
                    }
                }).build();
        racing.clock.set(MID);

        ChangeResult result = racing.billing.changes().change(actor(acme), subscription.id(), Change.toPlan(pro.id()));

        // asked about 10 of edr-pro first; the subscription then had 50 seats: asked again about those
        assertThat(asked).containsExactly("edr-pro x10", "edr-pro x50");
        assertThat(result).isInstanceOfSatisfying(ChangeResult.Applied.class,
                applied -> assertThat(applied.subscription().quantity()).isEqualTo(50));
    }

    @Test
    void whenDunningGivesUpAndCancelsTheScheduledChangeIsDroppedAndItsEventSaysSo() {
        org.billingsdk.core.testing.BillingFixture strict = org.billingsdk.core.testing.BillingFixture.builder()
                .storage(newStorage()).terms(org.billingsdk.core.payment.BillingTerms.defaults().withAfterLastFailure(
                        org.billingsdk.core.payment.DunningPolicy.CANCEL_SUBSCRIPTION)).build();
        Company beta = strict.root("Beta");
        Plan betaPro = strict.billing.catalog().addPlan(NewPlan.of("edr-pro", "edr", eur("99.00"),
                BillingInterval.MONTHLY));
        Subscription subscription = strict.billing.subscriptions().subscribe(actor(beta), beta.id(), betaPro.id());
        strict.payments.chargesByDefault(org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour.DECLINE);
        strict.clock.set(RENEWAL);
        strict.billing.run(RENEWAL);
        ChangeResult scheduled = strict.billing.changes().change(actor(beta), subscription.id(),
                Change.toPlan(strict.monthly.id()));
        assertThat(scheduled).isInstanceOf(ChangeResult.Scheduled.class);

        for (int days : new int[] {3, 5, 7}) {
            Instant retry = RENEWAL.plus(Duration.ofDays(days));
            strict.clock.set(retry);
            strict.billing.run(retry);
        }

        Subscription cancelled = strict.storage.subscriptions().findById(subscription.id()).orElseThrow();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelled.scheduledChange()).isNull();
        assertThat(strict.events.eventsOf(ScheduledChangeRevoked.class)).singleElement()
                .extracting(ScheduledChangeRevoked::why).isEqualTo(ScheduledChangeRevoked.Why.CANCELLED);
    }

    private final List<String> asked = new java.util.ArrayList<>();
}
