package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.contract.ContractData.PAYMENT_TERMS;
import static org.billingsdk.core.contract.ContractData.aSeller;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of an {@link InvoiceRenderer}: the document of an issued invoice is named after its
 * number, has a media type, and shows every field EU law requires on an invoice (Directive
 * 2006/112/EC art. 226): number, issue date, seller and buyer with their VAT numbers and addresses,
 * each line with its period, quantity, unit price and VAT rate, the VAT per rate, the total and
 * what is due, and the reverse-charge note when it applies; text from customers comes out as the
 * same text, never as markup; a draft is refused. A credit note shows the same fields, the number
 * of the invoice it corrects and its memo (or, for a renderer of invoices only, is refused as the
 * port's default does). Run it on an implementation with:
 *
 * <pre>{@code
 * class MyRendererContractTest extends InvoiceRendererContract {
 *     protected InvoiceRenderer renderer() { return new MyPdfRenderer(); }
 *     protected String textOf(InvoiceDocument document) { return extractTextWithPdfBox(document.content()); }
 * }
 * }</pre>
 */
public abstract class InvoiceRendererContract {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    /** The renderer under test: new for each test. */
    protected InvoiceRenderer renderer;

    /** A renderer to test; called once before each test. */
    protected abstract InvoiceRenderer renderer();

    /**
     * The text a reader of {@code document} sees, in reading order, markup and layout removed (white
     * space may differ: the tests look for words and amounts, each on one line).
     *
     * @param document a document the renderer made
     * @return its text
     */
    protected abstract String textOf(InvoiceDocument document);

    @BeforeEach
    void newRenderer() {
        renderer = renderer();
    }

    private static InvoiceLine line(String description, int quantity, MonetaryAmount unitPrice, TaxLine tax) {
        return new InvoiceLine(ProductCode.of("edr"), description, SubscriptionId.random(), PlanId.of("edr-monthly"),
                START, END, quantity, unitPrice, unitPrice.multiply(quantity), tax);
    }

    private static TaxLine rated(String country, String rate, String amount) {
        return new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of(country), new BigDecimal(rate), eur(amount),
                "");
    }

    private static Invoice issued(Party buyer, InvoiceLine... lines) {
        return Invoice.draftOf(InvoiceId.random(), CompanyId.random(), aSeller(), buyer, List.of(lines))
                .finalized(new InvoiceNumber("INV-2026", 42), START, START.plus(PAYMENT_TERMS));
    }

    private static Party aGermanBuyer(String name) {
        return new Party(name, null, null, new Address("Friedrichstraße 1", null, "10117", "Berlin", null, "DE"));
    }

    /** The text, with runs of white space as one space, so that a field split over a line break is found. */
    private String text(InvoiceDocument document) {
        return textOf(document).replaceAll("\\s+", " ");
    }

    @Test
    public void theDocumentIsNamedAfterTheInvoiceNumberAndHasAMediaType() {
        Invoice invoice = issued(aGermanBuyer("Acme GmbH"), line("Seats", 1, eur("49.00"), rated("DE", "19", "9.31")));

        InvoiceDocument document = renderer.render(invoice, List.of());

        assertThat(document.fileName()).contains(invoice.number().toString());
        assertThat(document.contentType()).isNotBlank();
        assertThat(document.content()).isNotEmpty();
    }

    @Test
    public void theDocumentShowsEveryFieldTheLawRequires() {
        Party buyer = new Party("Acme GmbH", null, VatNumber.of("DE136695976"),
                new Address("Friedrichstraße 1", null, "10117", "Berlin", null, "DE"));
        Invoice invoice = issued(buyer, line("Endpoint seats", 3, eur("49.00"), rated("DE", "19", "27.93")),
                line("Threat intelligence", 1, eur("19.99"), rated("DE", "7", "1.40")));

        String text = text(renderer.render(invoice, List.of()));

        assertThat(text).contains(invoice.number().toString()).contains("2026-12-01");
        assertThat(text).contains(aSeller().name()).contains(aSeller().vatNumber().toString()).contains("Keizersgracht 1")
                .contains("Amsterdam");
        assertThat(text).contains("Acme GmbH").contains("DE136695976").contains("Friedrichstraße 1")
                .contains("Berlin");
        assertThat(text).contains("Endpoint seats").contains("Threat intelligence").contains("2027-01-01");
        assertThat(text).contains(Amounts.format(eur("49.00"))).contains(Amounts.format(eur("147.00")))
                .contains(Amounts.format(eur("19.99")));
        assertThat(text).contains("19 %").contains("7 %");
        assertThat(text).contains(Amounts.format(eur("27.93"))).contains(Amounts.format(eur("1.40")));
        assertThat(text).contains(Amounts.format(invoice.subtotal())).contains(Amounts.format(invoice.total()));
    }

    @Test
    public void aReverseChargedInvoiceCarriesTheLegalNote() {
        TaxLine reverseCharge = new TaxLine(VatTreatment.REVERSE_CHARGE, CountryCode.of("DE"), BigDecimal.ZERO,
                eur("0.00"), TaxLine.REVERSE_CHARGE_NOTE);
        Invoice invoice = issued(aGermanBuyer("Acme GmbH"), line("Seats", 2, eur("49.00"), reverseCharge));

        assertThat(text(renderer.render(invoice, List.of()))).contains(TaxLine.REVERSE_CHARGE_NOTE);
    }

    @Test
    public void aZeroDecimalCurrencyIsPrintedWithoutDecimals() {
        TaxLine yenTax = new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("FI"), new BigDecimal("25.5"),
                money("383", "JPY"), "");
        Invoice invoice = issued(aGermanBuyer("Acme GmbH"), line("Seats", 1, money("1500", "JPY"), yenTax));

        String text = text(renderer.render(invoice, List.of()));

        assertThat(text).contains(Amounts.format(money("1883", "JPY"))).contains("25.5 %");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textFromCustomersComesOutAsTheSameText(String tricky) {
        String name = tricky.strip() + " <b>bold</b> &amp;";
        Invoice invoice = issued(aGermanBuyer(name), line(name, 1, eur("49.00"), rated("DE", "19", "9.31")));

        String text = text(renderer.render(invoice, List.of()));

        assertThat(text).contains(name.replaceAll("\\s+", " "));
    }

    @Test
    public void aDraftHasNoDocument() {
        Invoice draft = Invoice.draftOf(InvoiceId.random(), CompanyId.random(), aSeller(), aGermanBuyer("Acme"),
                List.of(line("Seats", 1, eur("49.00"), rated("DE", "19", "9.31"))));

        assertThatThrownBy(() -> renderer.render(draft, List.of())).isInstanceOf(RuntimeException.class);
    }

    @Test
    public void renderingTheSameInvoiceTwiceGivesTheSameText() {
        Invoice invoice = issued(aGermanBuyer("Acme GmbH"), line("Seats", 1, eur("49.00"), rated("DE", "19", "9.31")));

        assertThat(textOf(renderer.render(invoice, List.of()))).isEqualTo(textOf(renderer.render(invoice, List.of())));
    }

    /**
     * Whether the renderer renders credit notes; {@code true} unless overridden. A renderer that
     * does not (it keeps {@link InvoiceRenderer#renderCreditNote}'s default) is checked to refuse
     * them as the port says.
     *
     * @return whether credit notes are rendered
     */
    protected boolean rendersCreditNotes() {
        return true;
    }

    @Test
    public void aCreditNoteShowsTheInvoiceFieldsTheInvoiceItCorrectsItsReasonAndTheVatPerRate() {
        Party buyer = new Party("Acme GmbH", null, VatNumber.of("DE136695976"),
                new Address("Friedrichstraße 1", null, "10117", "Berlin", null, "DE"));
        Invoice invoice = issued(buyer, line("Endpoint seats", 3, eur("49.00"), rated("DE", "19", "27.93")),
                line("Threat intelligence", 1, eur("19.99"), rated("DE", "7", "1.40"))).paid(START);
        CreditNote note = ContractData.aCreditNote(invoice, CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("49.00")), CreditRequest.Line.remainderOf(1))
                .withMemo("Outage <b>3 days</b>"), START.plusSeconds(86_400));
        if (!rendersCreditNotes()) {
            assertThatThrownBy(() -> renderer.renderCreditNote(note, invoice))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }

        InvoiceDocument document = renderer.renderCreditNote(note, invoice);
        String text = text(document);

        assertThat(document.fileName()).contains(note.number().toString());
        assertThat(text).contains(note.number().toString()).contains(invoice.number().toString())
                .contains("2026-12-02");
        assertThat(text).contains(aSeller().name()).contains(aSeller().vatNumber().toString())
                .contains("Acme GmbH").contains("DE136695976").contains("Friedrichstraße 1");
        assertThat(text).contains("Endpoint seats").contains("Threat intelligence").contains("2027-01-01");
        assertThat(text).contains("19 %").contains("7 %").contains(Amounts.format(eur("9.31")))
                .contains(Amounts.format(eur("1.40"))).contains(Amounts.format(note.total()));
        assertThat(text).contains("Outage <b>3 days</b>");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(CreditReason.class)
    public void aCreditNotePrintsItsReasonAndWhatTheCreditDoes(CreditReason reason) {
        Invoice invoice = issued(aGermanBuyer("Acme GmbH"), line("Seats", 1, eur("49.00"), rated("DE", "19", "9.31")))
                .paid(START);
        CreditDestination destination = CreditDestination.values()[reason.ordinal() % CreditDestination.values().length];
        CreditNote note = ContractData.aCreditNote(invoice, CreditRequest.of(reason, destination,
                CreditRequest.Line.of(0, eur("10.00"))), START.plusSeconds(86_400));
        if (!rendersCreditNotes()) {
            return;
        }

        String text = text(renderer.renderCreditNote(note, invoice));

        assertThat(text).contains(reason.text()).contains(destination.text()).doesNotContain("null");
    }
}
