package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;

import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.PaymentMethodRemoved;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the payment provider reports about methods, and what the provider is told about customers. */
class ProviderReportedMethodChangesTest {

    private BillingFixture fixture;
    private Company acme;

    @BeforeEach
    void setUp() {
        fixture = BillingFixture.inMemory();
        acme = fixture.root("Acme");
    }

    @Test
    void aSetUpTheProviderReportsFinishedIsCompletedWithoutTheBrowserOnce() {
        SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(acme), acme.id(), SetupKind.SEPA_DEBIT);

        SetupOutcome reported = fixture.billing.paymentMethods().completeSetup(setup.id());

        assertThat(reported).isInstanceOfSatisfying(SetupOutcome.Added.class,
                added -> assertThat(added.method().details()).isInstanceOf(MethodDetails.SepaDebit.class));
        assertThat(fixture.billing.paymentMethods().list(actor(acme), acme.id())).hasSize(2);
    }

    @Test
    void aMethodTheProviderReportsDetachedIsRemovedAndAnotherBecomesTheDefault() {
        PaymentMethod card = fixture.billing.paymentMethods().list(actor(acme), acme.id()).get(0);
        PaymentMethod second = fixture.addCard(acme, acme);
        assertThat(card.isDefault()).isTrue();

        boolean removed = fixture.billing.paymentMethods().removedAtProvider(card.providerReference());
        boolean again = fixture.billing.paymentMethods().removedAtProvider(card.providerReference());

        assertThat(removed).isTrue();
        assertThat(again).isFalse();
        assertThat(fixture.billing.paymentMethods().list(actor(acme), acme.id())).singleElement()
                .satisfies(left -> {
                    assertThat(left.id()).isEqualTo(second.id());
                    assertThat(left.isDefault()).isTrue();
                });
        assertThat(fixture.events.eventsOf(PaymentMethodRemoved.class)).hasSize(1);
    }

    @Test
    void theFirstMethodIsMadeTheDefaultAtTheProviderToo() {
        PaymentMethod card = fixture.billing.paymentMethods().list(actor(acme), acme.id()).get(0);

        assertThat(fixture.payments.calls()).contains("makeDefault " + card.providerReference());
    }

    @Test
    void changedBillingDetailsReachTheProvidersCustomer() {
        long syncsBefore = fixture.payments.calls().stream().filter(call -> call.startsWith("syncCustomer")).count();

        fixture.billing.accounts().updateBillingDetails(actor(acme), acme.id(), BillingDetails.builder()
                .billingEmail("invoices@acme.example")
                .vatNumber("DE136695976")
                .billingAddress(Address.of("Friedrichstr. 1", "10117", "Berlin", "DE"))
                .build());
        fixture.billing.accounts().changeMainEmail(actor(acme), acme.id(), "security@acme.example");

        assertThat(fixture.payments.calls().stream().filter(call -> call.startsWith("syncCustomer")).count())
                .isEqualTo(syncsBefore + 2);
    }
}
