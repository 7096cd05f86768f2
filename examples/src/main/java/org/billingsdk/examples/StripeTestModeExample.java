package org.billingsdk.examples;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.SetupIntentConfirmParams;
import java.math.BigDecimal;
import java.time.Clock;
import javax.money.Monetary;
import org.billingsdk.core.Billing;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.stripe.StripePayments;
import org.javamoney.moneta.Money;

/**
 * The billing on Stripe's test mode: a company sets up a card, subscribes, and its first invoice
 * is charged through Stripe. Needs a test-mode secret key in {@code STRIPE_SECRET_KEY}
 * ({@code sk_test_...}; a live key is refused). Prints the Stripe ids to look up in the Dashboard.
 *
 * <p>What the customer's browser does with Stripe.js (confirming the set-up with the card) is done
 * here with stripe-java and Stripe's test card {@code pm_card_visa}; a real host's front end
 * confirms with the client secret and never shows the card to the server.
 *
 * <p>Run: {@code STRIPE_SECRET_KEY=sk_test_... mvn -q -pl examples -am -DskipTests package exec:java
 * -Dmain.example=org.billingsdk.examples.StripeTestModeExample}. Without a key it says so and stops.
 */
public final class StripeTestModeExample {

    private StripeTestModeExample() {
    }

    /**
     * Runs the example against Stripe's test mode, or says why it skips.
     *
     * @param args ignored; the key comes from {@code STRIPE_SECRET_KEY}
     * @throws StripeException if a stripe-java call the example makes itself (confirming the
     *     set-up, as a browser would) fails
     */
    public static void main(String[] args) throws StripeException {
        String key = System.getenv("STRIPE_SECRET_KEY");
        if (key == null || !key.startsWith("sk_test_")) {
            System.out.println("Skipped: set STRIPE_SECRET_KEY to a Stripe test-mode secret key (sk_test_...) to run "
                    + "this example against Stripe's test mode.");
            return;
        }
        StripePayments stripe = StripePayments.builder().apiKey(key).build();
        Billing billing = Billing.builder()
                .storage(InMemoryStorage.create())
                .environments(new DemoEnvironments())
                .payments(stripe)
                .seller(Seller.of("ACME Security B.V.", Address.of("Herengracht 1", "1015 BA", "Amsterdam", "NL"),
                        VatNumber.of("NL853746333B01")))
                .events(event -> System.out.printf("  [event] %s: %s%n", event.type(), event.describe()))
                .clock(Clock.systemUTC())
                .build();

        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response",
                "Detects and stops threats on every endpoint."));
        Plan monthly = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr",
                Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR")), BillingInterval.MONTHLY));

        Company acme = billing.accounts().register(NewCompany.of("Acme Amsterdam", "it@acme.example")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"))
                        .build()));
        Actor alice = Actor.of(acme.id(), "alice@acme.example");

        System.out.println("Setting up a card with Stripe");
        SetupSession setup = billing.paymentMethods().startSetup(alice, acme.id(), SetupKind.CARD);
        // The browser: Stripe.js confirms the SetupIntent with setup.clientSecret().value() and the card form.
        StripeClient browser = StripeClient.builder().setApiKey(key).build();
        browser.v1().setupIntents().confirm(setup.providerReference().value(),
                SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        SetupOutcome outcome = billing.paymentMethods().completeSetup(alice, acme.id(), setup.id());
        if (!(outcome instanceof SetupOutcome.Added added)) {
            System.err.println("The set-up did not complete: " + outcome);
            System.exit(1);
            return;
        }
        System.out.println("  added " + added.method().details().display() + " (" + added.method().providerReference()
                + ")");

        System.out.println("Subscribing: the first invoice is issued and charged at once");
        billing.subscriptions().subscribe(alice, acme.id(), monthly.id());
        // Through billing.invoices(), which applies the access rule, never through the storage's stores.
        Page<HistoryEntry> history = billing.invoices().history(alice, acme.id(), Scope.COMPANY_ONLY,
                PageRequest.first(10));
        for (InvoiceSummary invoice : HistoryEntry.invoices(history.items())) {
            System.out.printf("  invoice %s: %s %s, %s%n", invoice.number(), invoice.total().getCurrency(),
                    invoice.total().getNumber(), invoice.state());
            for (Payment payment : invoice.payments()) {
                System.out.printf("    attempt %d under key %s: %s at Stripe as %s%n", payment.attempt(),
                        payment.idempotencyKey(), payment.status(), payment.providerReference());
            }
        }
        System.out.println(stripe);
    }
}
