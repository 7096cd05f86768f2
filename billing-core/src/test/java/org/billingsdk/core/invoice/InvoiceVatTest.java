package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.Billing;
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
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** The EU VAT rules as they reach issued invoices, read back through the API. */
public class InvoiceVatTest extends OnEveryStorage {

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /** Registers a company with these billing details (or none) and a card, as a direct customer. */
    private static Company customer(Billing billing, String name, BillingDetails details) {
        NewCompany input = NewCompany.of(name, name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "")
                + "@example.com");
        Company company = billing.accounts().register(details == null ? input : input.withBillingDetails(details));
        SetupSession setup = billing.paymentMethods().startSetup(actor(company), company.id(), SetupKind.CARD);
        billing.paymentMethods().completeSetup(actor(company), company.id(), setup.id());
        return company;
    }

    private Company customer(String name, BillingDetails details) {
        return customer(fixture.billing, name, details);
    }

    private static BillingDetails in(String country, String vatNumber) {
        return BillingDetails.builder().billingAddress(Address.of("Main Street 1", "12345", "Capital", country))
                .vatNumber(vatNumber).build();
    }

    /** Subscribes the company to the plan and reads back the one invoice that issued. */
    private static Invoice issuedInvoice(Billing billing, Company company, Plan plan) {
        Actor actor = actor(company);
        billing.subscriptions().subscribe(actor, company.id(), plan.id());
        InvoiceSummary row = HistoryEntry.invoices(billing.invoices().history(actor, company.id(), Scope.COMPANY_ONLY,
                PageRequest.first(10)).items()).get(0);
        return billing.invoices().find(actor, row.id()).invoice();
    }

    private Invoice issuedInvoice(Company company, Plan plan) {
        return issuedInvoice(fixture.billing, company, plan);
    }

    @Test
    void aDutchBuyerOfADutchSellerPaysTheDomesticRate() {
        Invoice invoice = issuedInvoice(customer("Dutch Buyer", in("NL", null)), fixture.monthly);

        assertThat(invoice.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.DOMESTIC);
        assertThat(invoice.lines().get(0).tax().ratePercent()).isEqualByComparingTo("21");
        assertThat(exact(invoice.subtotal())).isEqualByComparingTo("49.00");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("10.29");
        assertThat(exact(invoice.total())).isEqualByComparingTo("59.29");
        assertThat(invoice.lines().get(0).tax().note()).isEmpty();
    }

    @Test
    void aGermanBusinessWithAValidVatNumberIsReverseChargedAndTheDocumentSaysSo() {
        Company german = customer("German GmbH", in("DE", "DE136695976"));

        Invoice invoice = issuedInvoice(german, fixture.monthly);

        assertThat(invoice.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.REVERSE_CHARGE);
        assertThat(invoice.lines().get(0).tax().ratePercent()).isEqualByComparingTo("0");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("0");
        assertThat(exact(invoice.total())).isEqualByComparingTo("49.00");
        assertThat(invoice.lines().get(0).tax().note()).isEqualTo(TaxLine.REVERSE_CHARGE_NOTE);
        assertThat(invoice.buyer().vatNumber()).isEqualTo(VatNumber.of("DE136695976"));

        String html = fixture.billing.invoices().document(actor(german), invoice.id()).text();
        assertThat(html).contains(TaxLine.REVERSE_CHARGE_NOTE)
                .contains("VAT number: DE136695976")
                .contains("VAT 0 % (DE)")
                .contains("EUR 49.00");
    }

    @Test
    void aGermanBuyerWithoutAVatNumberPaysTheGermanRate() {
        Invoice invoice = issuedInvoice(customer("German Consumer", in("DE", null)), fixture.monthly);

        assertThat(invoice.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(invoice.lines().get(0).tax().country()).isEqualTo(CountryCode.of("DE"));
        assertThat(invoice.lines().get(0).tax().ratePercent()).isEqualByComparingTo("19");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("9.31");
        assertThat(exact(invoice.total())).isEqualByComparingTo("58.31");
        assertThat(invoice.lines().get(0).tax().note()).isEmpty();
    }

    @Test
    void theFinnishRateIsRoundedHalfUpToCentsOnTheInvoice() {
        Plan odd = fixture.billing.catalog().addPlan(NewPlan.of("edr-odd", "edr", eur("49.99"), BillingInterval.MONTHLY));

        Invoice invoice = issuedInvoice(customer("Finnish Oy", in("FI", null)), odd);

        // 49.99 * 25.5 % = 12.74745
        assertThat(invoice.lines().get(0).tax().ratePercent()).isEqualByComparingTo("25.5");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("12.75");
        assertThat(exact(invoice.total())).isEqualByComparingTo("62.74");
        assertThat(Amounts.format(invoice.total())).isEqualTo("EUR 62.74");
    }

    @Test
    void buyersOutsideTheEuPayNoVat() {
        Invoice swiss = issuedInvoice(customer("Swiss AG", in("CH", null)), fixture.monthly);
        Invoice american = issuedInvoice(customer("American Inc", BillingDetails.builder()
                .billingAddress(new Address("1 Main Street", null, "10001", "New York", "NY", "US")).build()),
                fixture.monthly);

        for (Invoice invoice : java.util.List.of(swiss, american)) {
            assertThat(invoice.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.OUTSIDE_EU);
            assertThat(invoice.lines().get(0).tax().country()).isNull();
            assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("0");
            assertThat(exact(invoice.total())).isEqualByComparingTo("49.00");
        }
    }

    @Test
    void aCompanyWithoutBillingDetailsIsTreatedAsDomestic() {
        Invoice invoice = issuedInvoice(customer("No Details", null), fixture.monthly);

        assertThat(invoice.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.DOMESTIC);
        assertThat(invoice.lines().get(0).tax().ratePercent()).isEqualByComparingTo("21");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("10.29");
        assertThat(invoice.buyer().address()).isNull();
        assertThat(invoice.buyer().vatNumber()).isNull();
    }

    @Test
    void theBillToIsASnapshotThatLaterDetailChangesDoNotAlter() {
        Company company = customer("Moving Company", in("NL", null));
        Invoice before = issuedInvoice(company, fixture.monthly);

        fixture.billing.accounts().updateBillingDetails(actor(company), company.id(), in("DE", "DE136695976"));
        Invoice reread = fixture.billing.invoices().find(actor(company), before.id()).invoice();

        assertThat(reread.buyer()).isEqualTo(before.buyer());
        assertThat(reread.lines()).isEqualTo(before.lines());
        assertThat(reread.total()).isEqualTo(before.total());
    }

    @Test
    void aReplacedRateTableIsUsedForIssuedInvoices() {
        Map<String, BigDecimal> table = Map.of("NL", new BigDecimal("9"), "DE", new BigDecimal("7"));
        Billing billing = BillingFixture.builder()
                .storage(newStorage())
                .vatRates(country -> Optional.ofNullable(table.get(country.value())))
                .withoutCatalog()
                .build().billing;
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "Detects threats."));
        Plan monthly = billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr", eur("49.00"), BillingInterval.MONTHLY));

        Invoice dutch = issuedInvoice(billing, customer(billing, "Dutch Buyer", in("NL", null)), monthly);
        Invoice german = issuedInvoice(billing, customer(billing, "German Consumer", in("DE", null)), monthly);

        assertThat(dutch.lines().get(0).tax().ratePercent()).isEqualByComparingTo("9");
        assertThat(exact(dutch.lines().get(0).tax().amount())).isEqualByComparingTo("4.41");
        assertThat(german.lines().get(0).tax().ratePercent()).isEqualByComparingTo("7");
        assertThat(exact(german.lines().get(0).tax().amount())).isEqualByComparingTo("3.43");
        assertThat(exact(german.total())).isEqualByComparingTo("52.43");
    }

    @Test
    void yenInvoicesKeepZeroDecimalsInAmountsAndDocument() {
        Plan yen = fixture.billing.catalog().addPlan(NewPlan.of("edr-jpy", "edr",
                Money.of(new BigDecimal("4999"), Monetary.getCurrency("JPY")), BillingInterval.MONTHLY));
        Company company = customer("Yen Buyer", in("NL", null));

        Invoice invoice = issuedInvoice(company, yen);

        // 4999 * 21 % = 1049.79
        assertThat(invoice.total().getCurrency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(exact(invoice.lines().get(0).tax().amount())).isEqualByComparingTo("1050");
        assertThat(exact(invoice.total())).isEqualByComparingTo("6049");
        assertThat(exact(invoice.total()).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        assertThat(Amounts.format(invoice.total())).isEqualTo("JPY 6049");
        String html = fixture.billing.invoices().document(actor(company), invoice.id()).text();
        assertThat(html).contains("JPY 4999").contains("JPY 1050").contains("JPY 6049").doesNotContain("JPY 6049.");
        assertThat(fixture.payments.capturedFor(invoice.id())).isEqualByComparingTo("6049");
    }
}
