package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Instant;
import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quantities: a plan's price is per unit and may bound the units a subscription has; a
 * subscription of N units is invoiced N times the price on one line (quantity, unit price, the
 * amount exact and its VAT rounded once), renews and reactivates with its quantity, and the portal
 * shows the quantity and what it costs. On every storage.
 */
public class QuantityTest extends OnEveryStorage {

    private Company acme;
    private Plan seats;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        seats = fixture.billing.catalog().addPlan(NewPlan.of("edr-seats", "edr", eur("4.90"), BillingInterval.MONTHLY)
                .withQuantities(5, 50));
    }

    private List<Invoice> invoices() {
        return fixture.storage.invoices().findByCompanies(List.of(acme.id()), null, 100);
    }

    @Test
    void aSubscriptionOfSeveralUnitsIsInvoicedThePricePerUnitTimesTheQuantityOnOneLine() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 13);

        assertThat(subscription.quantity()).isEqualTo(13);
        InvoiceLine line = invoices().get(0).lines().get(0);
        assertThat(line.quantity()).isEqualTo(13);
        assertThat(line.unitPrice()).isEqualTo(eur("4.90"));
        assertThat(line.amount()).isEqualTo(eur("63.70"));
        // 21 % of 63.70 = 13.377, rounded once on the line
        assertThat(line.tax().amount()).isEqualTo(eur("13.38"));
        assertThat(invoices().get(0).total()).isEqualTo(eur("77.08"));
        assertThat(fixture.payments.capturedFor(invoices().get(0).id())).isEqualByComparingTo("77.08");
    }

    @Test
    void thePortalShowsTheQuantityAndWhatItCostsAndRenewalsKeepIt() {
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 10);
        Instant renewal = Instant.parse("2026-02-15T10:00:00Z");
        fixture.clock.set(renewal);
        fixture.billing.run(renewal);

        assertThat(fixture.billing.subscriptions().active(actor(acme), acme.id(), Scope.COMPANY_ONLY)).singleElement()
                .satisfies(view -> {
                    assertThat(view.quantity()).isEqualTo(10);
                    assertThat(view.billingAmount().amount()).isEqualTo(eur("49.00"));
                });
        assertThat(invoices()).hasSize(2).allSatisfy(invoice -> assertThat(invoice.lines().get(0).quantity())
                .isEqualTo(10));
    }

    @Test
    void aReactivationKeepsTheQuantity() {
        Subscription subscription = fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(), 7);
        fixture.billing.subscriptions().cancel(actor(acme), subscription.id(), DataErasure.ACKNOWLEDGED);

        ReactivateResult result = fixture.billing.subscriptions().reactivate(actor(acme), subscription.id());

        SubscriptionId again = ((ReactivateResult.Reactivated) result).subscriptionId();
        assertThat(fixture.storage.subscriptions().findById(again).orElseThrow().quantity()).isEqualTo(7);
        assertThat(invoices().get(0).lines().get(0).quantity()).isEqualTo(7);
    }

    @Test
    void aQuantityThePlanDoesNotAllowIsRefusedBeforeAnythingIsProvisionedOrStored() {
        for (int quantity : new int[] {0, 4, 51, -1}) {
            assertThatThrownBy(() -> fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), seats.id(),
                    quantity)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                    .singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("quantity");
                        assertThat(v.message()).contains("5 to 50 units");
                    }));
        }
        assertThat(fixture.environments.provisionedCount()).isZero();
        assertThat(fixture.storage.subscriptions().findByCompanies(List.of(acme.id()))).isEmpty();
        assertThat(fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id())
                .quantity()).as("one unit by default").isEqualTo(1);
    }

    @Test
    void aPlansBoundsAreCheckedWithItsOtherFieldsEveryProblemNamed() {
        assertThatThrownBy(() -> fixture.billing.catalog().addPlan(NewPlan.of("edr-bad", "edr", eur("-1.00"),
                BillingInterval.MONTHLY).withQuantities(0, 2_000_000)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("price", "minQuantity", "maxQuantity"));
        assertThatThrownBy(() -> fixture.billing.catalog().addPlan(NewPlan.of("edr-inverted", "edr", eur("1.00"),
                BillingInterval.MONTHLY).withQuantities(10, 5)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("maxQuantity"));
        assertThat(fixture.billing.catalog().addPlan(NewPlan.of("edr-open", "edr", eur("1.00"),
                BillingInterval.MONTHLY).withQuantities(10, 0)).allows(1_000_000)).isTrue();
    }
}
