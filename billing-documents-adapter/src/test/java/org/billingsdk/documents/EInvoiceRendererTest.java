package org.billingsdk.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.aSeller;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.money;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.money.MonetaryAmount;
import javax.xml.parsers.DocumentBuilderFactory;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.contract.ContractData;
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
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Every kind of EN 16931 document, validated by Mustang's validator with the official schematron:
 * an invoice of several VAT rates, a reverse-charged one, a credit note referring to its invoice, a
 * payer's consolidated invoice and a yen invoice, each in CII, in UBL and in XRechnung (with the
 * XRechnung schematron too); and the amounts are the
 * invoice's own, VAT rounded per line, not computed again.
 */
class EInvoiceRendererTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    private static final Party GERMAN_BUYER = new Party("Acme GmbH", EmailAddress.of("ap@acme.example"),
            VatNumber.of("DE136695976"), new Address("Friedrichstraße 1", null, "10117", "Berlin", null, "DE"));
    private static final SellerContact CONTACT = new SellerContact("Accounts receivable", "+31 20 123 4567",
            EmailAddress.of("ar@sdk.example"));
    private static final Party SELLER = new Party(aSeller().name(), EmailAddress.of("billing@sdk.example"),
            aSeller().vatNumber(), aSeller().address());

    private static InvoiceLine line(String description, int quantity, MonetaryAmount unitPrice, TaxLine tax) {
        return new InvoiceLine(ProductCode.of("edr"), description, SubscriptionId.random(), PlanId.of("edr-monthly"),
                START, END, quantity, unitPrice, unitPrice.multiply(quantity), tax);
    }

    private static TaxLine vat(String country, String rate, MonetaryAmount amount) {
        return new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of(country), new BigDecimal(rate), amount, "");
    }

    private static Invoice issued(Party buyer, InvoiceLine... lines) {
        return Invoice.draftOf(InvoiceId.random(), CompanyId.random(), SELLER, buyer, List.of(lines))
                .finalized(new InvoiceNumber("INV-2026", 42), START, START.plus(Duration.ofDays(14)));
    }

    static Invoice severalRates() {
        return issued(GERMAN_BUYER, line("Endpoint seats", 3, eur("49.00"), vat("DE", "19", eur("27.93"))),
                line("Threat intelligence", 1, eur("19.99"), vat("DE", "7", eur("1.40"))));
    }

    static Invoice reverseCharged() {
        TaxLine reverse = new TaxLine(VatTreatment.REVERSE_CHARGE, CountryCode.of("DE"), BigDecimal.ZERO, eur("0.00"),
                TaxLine.REVERSE_CHARGE_NOTE);
        return issued(GERMAN_BUYER, line("Endpoint seats", 2, eur("49.00"), reverse));
    }

    static Invoice inYen() {
        return issued(GERMAN_BUYER, line("Seats", 1, money("1500", "JPY"),
                vat("FI", "25.5", money("383", "JPY"))));
    }

    /** Two lines whose VAT, rounded on each line, is a cent more than on their sum: 0.10 + 0.10, not 0.19. */
    static Invoice roundedPerLine() {
        return issued(GERMAN_BUYER, line("Seat", 1, eur("0.50"), vat("DE", "19", eur("0.10"))),
                line("Seat", 1, eur("0.50"), vat("DE", "19", eur("0.10"))));
    }

    /** An invoice whose buyer and lines are named by {@code texts}, one line each. */
    static Invoice withTexts(List<String> texts) {
        Party buyer = new Party(texts.get(0), null, null, GERMAN_BUYER.address());
        return issued(buyer, texts.stream().map(text -> line(text, 1, eur("49.00"), vat("DE", "19", eur("9.31"))))
                .toArray(InvoiceLine[]::new));
    }

    static Invoice consolidated() {
        CompanyId payer = CompanyId.random();
        CompanyId child = CompanyId.random();
        TaxLine tax = vat("DE", "19", eur("9.31"));
        InvoiceLine own = new InvoiceLine(ProductCode.of("edr"), "Endpoint seats", SubscriptionId.random(),
                PlanId.of("edr-monthly"), START, END, 1, eur("49.00"), eur("49.00"), tax, InvoiceLine.Kind.PERIOD,
                payer, "Acme GmbH");
        InvoiceLine ofChild = new InvoiceLine(ProductCode.of("edr"), "Endpoint seats", SubscriptionId.random(),
                PlanId.of("edr-monthly"), START, END, 1, eur("49.00"), eur("49.00"), tax, InvoiceLine.Kind.PERIOD,
                child, "Acme Berlin GmbH");
        return Invoice.draftOf(InvoiceId.random(), payer, SELLER, GERMAN_BUYER, List.of(own, ofChild))
                .finalized(new InvoiceNumber("INV-2026", 43), START, START.plus(Duration.ofDays(14)));
    }

    static Stream<Arguments> documents() {
        Invoice paid = severalRates().paid(START);
        CreditNote note = ContractData.aCreditNote(paid, CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("49.00")), CreditRequest.Line.remainderOf(1)),
                START.plus(Duration.ofDays(2)));
        Stream.Builder<Arguments> documents = Stream.builder();
        for (EInvoiceRenderer renderer : List.of(EInvoiceRenderer.cii(), EInvoiceRenderer.ubl(),
                EInvoiceRenderer.xrechnung(CONTACT))) {
            String syntax = renderer.toString();
            documents.add(Arguments.of(syntax + " several VAT rates", renderer.render(severalRates(), List.of())));
            documents.add(Arguments.of(syntax + " reverse charge", renderer.render(reverseCharged(), List.of())));
            documents.add(Arguments.of(syntax + " yen", renderer.render(inYen(), List.of())));
            documents.add(Arguments.of(syntax + " consolidated", renderer.render(consolidated(), List.of())));
            documents.add(Arguments.of(syntax + " VAT rounded per line", renderer.render(roundedPerLine(), List.of())));
            documents.add(Arguments.of(syntax + " credit note", renderer.renderCreditNote(note, paid)));
        }
        return documents.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyKindOfDocumentIsValidEn16931(String kind, InvoiceDocument document) {
        En16931Validator.Report report = En16931Validator.validate(document);

        assertThat(report.errors()).as(kind).isEmpty();
        assertThat(report.valid()).as(kind + ": " + report.xml()).isTrue();
        assertThat(report.rulesFired()).as("rules run on " + kind).isPositive();
    }

    @Test
    void theAmountsAreTheInvoicesOwnWithItsVatRoundedPerLine() {
        Invoice invoice = roundedPerLine();

        String cii = EInvoiceRenderer.cii().render(invoice, List.of()).text();
        String ubl = EInvoiceRenderer.ubl().render(invoice, List.of()).text();

        assertThat(invoice.taxTotal()).isEqualTo(eur("0.20"));
        assertThat(valuesOf(cii, "ram:CalculatedAmount")).containsExactly(new BigDecimal("0.20"));
        assertThat(valuesOf(cii, "ram:GrandTotalAmount")).containsExactly(new BigDecimal("1.20"));
        assertThat(valuesOf(cii, "ram:DuePayableAmount")).containsExactly(new BigDecimal("1.20"));
        assertThat(valuesOf(ubl, "cbc:TaxAmount")).containsOnly(new BigDecimal("0.20"));
        assertThat(valuesOf(ubl, "cbc:TaxInclusiveAmount")).containsExactly(new BigDecimal("1.20"));
        assertThat(valuesOf(ubl, "cbc:PayableAmount")).containsExactly(new BigDecimal("1.20"));
    }

    @Test
    void aCreditNoteIsType381AndNamesTheInvoiceItCorrects() {
        Invoice paid = severalRates().paid(START);
        CreditNote note = ContractData.aCreditNote(paid, START.plus(Duration.ofDays(2)));

        String cii = EInvoiceRenderer.cii().renderCreditNote(note, paid).text();
        String ubl = EInvoiceRenderer.ubl().renderCreditNote(note, paid).text();

        assertThat(cii).contains("<ram:TypeCode>381</ram:TypeCode>")
                .contains("<ram:IssuerAssignedID>" + paid.number() + "</ram:IssuerAssignedID>");
        assertThat(ubl).contains("<CreditNote").contains("<cac:InvoiceDocumentReference><cbc:ID>" + paid.number()
                + "</cbc:ID>");
    }

    /** The numbers in the elements named {@code tag}, in document order, compared by value. */
    private static List<BigDecimal> valuesOf(String xml, String tag) {
        Matcher matcher = Pattern.compile("<" + tag + "(?: [^>]*)?>([^<]*)</" + tag + ">").matcher(xml);
        List<BigDecimal> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(new BigDecimal(matcher.group(1)).stripTrailingZeros());
        }
        return values.stream().map(value -> value.setScale(Math.max(2, value.scale()))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    void textFromCustomersComesOutOfTheXmlAsTheSameText(String tricky) throws Exception {
        Party buyer = new Party(tricky + " <b>&amp;</b>", null, null, GERMAN_BUYER.address());
        Invoice invoice = issued(buyer, line(tricky, 1, eur("49.00"), vat("DE", "19", eur("9.31"))));

        for (EInvoiceRenderer renderer : List.of(EInvoiceRenderer.cii(), EInvoiceRenderer.ubl())) {
            Document xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(renderer.render(invoice, List.of()).content()));
            List<String> texts = new ArrayList<>();
            NodeList all = xml.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                if (all.item(i).getChildNodes().getLength() == 1) {
                    texts.add(all.item(i).getTextContent());
                }
            }
            assertThat(texts).as(renderer.toString()).contains(tricky + " <b>&amp;</b>", tricky);
        }
    }

    @Test
    void theValidatorCatchesABrokenDocument() {
        String cii = EInvoiceRenderer.cii().render(severalRates(), List.of()).text();
        String broken = cii.replace("<ram:CalculatedAmount>27.93</ram:CalculatedAmount>",
                "<ram:CalculatedAmount>29.93</ram:CalculatedAmount>");
        assertThat(broken).isNotEqualTo(cii);

        En16931Validator.Report report = En16931Validator.validate(broken.getBytes(StandardCharsets.UTF_8),
                "broken.cii.xml");

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).isNotEmpty();
    }
}
