package org.billingsdk.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatRates;
import org.billingsdk.core.tax.VatRules;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** The HTML document of an invoice of several lines: each line, the VAT per rate, the credit and what is due. */
class HtmlInvoiceRendererTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final VatRules VAT = new VatRules(CountryCode.of("NL"), VatRates.euStandardRates());

    private static InvoiceLine line(String description, int quantity, String unitPrice, String country) {
        Money unit = Money.of(new BigDecimal(unitPrice), "EUR");
        MonetaryAmount amount = unit.multiply(quantity);
        TaxLine tax = VAT.taxFor(amount, CountryCode.of(country), Optional.empty());
        return new InvoiceLine(ProductCode.of("edr"), description, SubscriptionId.random(), PlanId.of("edr-monthly"),
                START, Instant.parse("2027-01-01T00:00:00Z"), quantity, unit, amount, tax);
    }

    private static String render(Invoice invoice) {
        return new String(new HtmlInvoiceRenderer().render(invoice, List.of()).content(), StandardCharsets.UTF_8);
    }

    @Test
    void everyLineShowsItsQuantityUnitPriceAndRateAndTheSummaryShowsTheVatPerRate() {
        Invoice invoice = Invoice.draftOf(InvoiceId.random(), CompanyId.random(),
                new Party("Billing SDK B.V.", null, null, Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")),
                new Party("Acme <GmbH>", null, null, null),
                List.of(line("Seats <EDR>", 3, "49.00", "NL"), line("Threat intel", 1, "19.99", "DE")))
                .finalized(new InvoiceNumber("INV-2026", 7), START, START.plusSeconds(86_400 * 14));

        String html = render(invoice);

        assertThat(html).contains("<td>Seats &lt;EDR&gt;</td><td>2026-12-01 to 2027-01-01</td><td>3</td>"
                + "<td>EUR 49.00</td><td>21 %</td><td>EUR 147.00</td>");
        assertThat(html).contains("<td>Threat intel</td><td>2026-12-01 to 2027-01-01</td><td>1</td>"
                + "<td>EUR 19.99</td><td>19 %</td><td>EUR 19.99</td>");
        assertThat(html).contains("Subtotal</td><td>EUR 166.99</td>");
        assertThat(html).contains("VAT 21 % (NL) on EUR 147.00</td><td>EUR 30.87</td>");
        assertThat(html).contains("VAT 19 % (DE) on EUR 19.99</td><td>EUR 3.80</td>");
        assertThat(html).contains("Total</th><th>EUR 201.66</th>");
        assertThat(html).contains("Amount due</th><th>EUR 201.66</th>");
        assertThat(html).doesNotContain("Credit applied");
        assertThat(html).contains("Acme &lt;GmbH&gt;").doesNotContain("<GmbH>").doesNotContain("<EDR>");
    }

    @Test
    void aCreditAppliedFromTheBalanceIsShownAndTakenOffTheAmountDue() {
        Invoice issued = Invoice.draftOf(InvoiceId.random(), CompanyId.random(),
                new Party("Billing SDK B.V.", null, null, null), new Party("Acme", null, null, null),
                List.of(line("Seats", 1, "49.00", "NL")))
                .finalized(new InvoiceNumber("INV-2026", 8), START, START.plusSeconds(86_400 * 14));
        Invoice credited = new Invoice(issued.id(), issued.companyId(), issued.number(), issued.state(),
                issued.seller(), issued.buyer(), issued.lines(), issued.subtotal(), issued.taxTotal(), issued.total(),
                Money.of(new BigDecimal("20.00"), "EUR"), Money.of(new BigDecimal("39.29"), "EUR"), issued.issuedAt(),
                issued.dueAt(), null, 0, START, 0);

        String html = render(credited);

        assertThat(html).contains("Credit applied</td><td>-EUR 20.00</td>");
        assertThat(html).contains("Amount due</th><th>EUR 39.29</th>");
    }
}
