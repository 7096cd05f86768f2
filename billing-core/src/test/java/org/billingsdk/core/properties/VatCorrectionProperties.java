package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.tax.UnverifiedVatPolicy;
import org.billingsdk.core.tax.VatTreatment;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeVatRegister;
import org.billingsdk.core.testing.FakeVatRegister.Answer;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * What correcting VAT can add up to, for any price, quantity, EU country and number of monthly
 * invoices issued while VIES did not answer: once the number is confirmed, every one of them is
 * credited exactly its total, invoiced again for exactly its net without VAT, and the credit
 * balance holds exactly the VAT they charged, to the cent; nothing is corrected twice, and the next
 * invoice is reverse-charged.
 */
class VatCorrectionProperties {

    private static final List<String[]> BUYERS = List.of(new String[] {"DE136695976", "DE", "Berlin"},
            new String[] {"FR40303265045", "FR", "Paris"}, new String[] {"EL094259216", "GR", "Athens"},
            new String[] {"BE0428759497", "BE", "Brussels"}, new String[] {"IT00743110157", "IT", "Milan"});

    @Test
    void confirmingANumberGivesBackExactlyTheVatThePaidInvoicesCharged() {
        qt().withExamples(40).forAll(integers().between(1, 2_000_000), integers().between(1, 40),
                integers().between(0, BUYERS.size() - 1), integers().between(1, 4))
                .checkAssert((cents, quantity, buyer, months) -> {
                    FakeVatRegister register = new FakeVatRegister();
                    BillingFixture on = BillingFixture.builder()
                            .vatNumbers(register, UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED).build();
                    register.clock(on.clock);
                    String[] spec = BUYERS.get(buyer);
                    register.answers(spec[0], Answer.UNAVAILABLE);
                    Plan plan = on.billing.catalog().addPlan(NewPlan.of("p", "edr",
                            Money.of(BigDecimal.valueOf(cents, 2), "EUR"), BillingInterval.MONTHLY));
                    Company company = on.billing.accounts().register(NewCompany.of("Buyer", "it@buyer.example")
                            .withBillingDetails(BillingDetails.builder().vatNumber(spec[0])
                                    .billingAddress(Address.of("Street 1", "1000", spec[2], spec[1])).build()));
                    on.addCard(company, company);
                    on.billing.subscriptions().subscribe(actor(company), company.id(), plan.id(), quantity);
                    for (int month = 1; month < months; month++) {
                        on.advance(Duration.ofDays(31));
                        on.billing.run(on.clock.instant());
                    }
                    List<Invoice> charged = invoices(on, company);
                    assertThat(charged).hasSize(months).allSatisfy(invoice -> assertThat(invoice.lines().get(0)
                            .tax().treatment()).isEqualTo(VatTreatment.DESTINATION_RATE));

                    register.answers(spec[0], Answer.VALID);
                    on.billing.run(on.clock.instant());
                    on.billing.run(on.clock.instant());

                    MonetaryAmount vat = Money.of(0, "EUR");
                    for (Invoice invoice : charged) {
                        List<CreditNote> notes = on.billing.credits().ofInvoice(actor(company), invoice.id());
                        assertThat(notes).singleElement().satisfies(note -> {
                            assertThat(note.reason()).isEqualTo(CreditReason.VAT_CORRECTION);
                            assertThat(note.total()).isEqualTo(invoice.total());
                        });
                        vat = vat.add(invoice.taxTotal());
                    }
                    List<Invoice> again = invoices(on, company).stream().filter(invoice -> invoice.lines().stream()
                            .allMatch(line -> line.kind() == InvoiceLine.Kind.VAT_CORRECTION)).toList();
                    assertThat(again).hasSize(months).allSatisfy(invoice -> {
                        assertThat(invoice.taxTotal().isZero()).isTrue();
                        assertThat(invoice.amountDue().isZero()).isTrue();
                    });
                    assertThat(again.stream().map(Invoice::subtotal).reduce(MonetaryAmount::add).orElseThrow())
                            .isEqualTo(charged.stream().map(Invoice::subtotal).reduce(MonetaryAmount::add)
                                    .orElseThrow());
                    assertThat(on.billing.credits().balances(actor(company), company.id())).containsExactly(vat);

                    on.advance(Duration.ofDays(31));
                    on.billing.run(on.clock.instant());
                    Invoice next = invoices(on, company).get(0);
                    assertThat(next.lines().get(0).tax().treatment()).isEqualTo(VatTreatment.REVERSE_CHARGE);
                    assertThat(next.lines().get(0).kind()).isEqualTo(InvoiceLine.Kind.PERIOD);
                });
    }

    /** The company's invoices, newest first. */
    private static List<Invoice> invoices(BillingFixture on, Company company) {
        return HistoryEntry.invoices(on.billing.invoices().history(actor(company), company.id(), Scope.COMPANY_ONLY,
                PageRequest.first(50)).items()).stream()
                .map(row -> on.billing.invoices().find(actor(company), row.id()).invoice()).toList();
    }
}
