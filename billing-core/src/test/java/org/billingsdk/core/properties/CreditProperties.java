package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.credit.Creditable;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * What credit notes can add up to, for any invoice (one to four lines, each with its own rate and
 * treatment, in euros and in yen) and any sequence of credit requests (parts of lines, whole
 * lines, whole invoices, more than is left): credited never exceeds what a line or the invoice
 * held, a request is refused exactly when it asks for more than is left, every credit-note line
 * carries its invoice line's treatment, country, rate and note, and crediting everything that is
 * left gives back exactly the invoice's total and VAT. And a credit balance fed and drawn by any
 * sequence of moves never goes below zero and always equals the sum of its entries.
 */
class CreditProperties {

    private static final int EXAMPLES = 2000;
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<BigDecimal> RATES = List.of(new BigDecimal("21"), new BigDecimal("9"),
            new BigDecimal("25.5"), BigDecimal.ZERO, new BigDecimal("17"), new BigDecimal("5.5"));

    /** An invoice line: net in minor units, a rate by index, and whether it is reverse-charged. */
    private record LineSpec(long minor, int rate, boolean reverseCharge) {
    }

    /** One request: which line (or the whole invoice when -1), and the net asked for in minor units (0 = all left). */
    private record Ask(int line, long minor) {
    }

    private static Gen<LineSpec> lineSpecs() {
        return integers().between(1, 2_000_000).zip(integers().between(0, RATES.size() - 1),
                integers().between(0, 4), (minor, rate, kind) -> new LineSpec(minor, rate, kind == 0));
    }

    private static Gen<Ask> asks() {
        return integers().between(-1, 3).zip(integers().between(0, 800_000),
                integers().between(0, 3), (line, minor, whole) -> new Ask(line, whole == 0 ? 0 : minor));
    }

    @Test
    void creditNotesNeverCreditMoreThanTheInvoiceHeldAndFinishingTakesExactlyWhatIsLeft() {
        qt().withExamples(EXAMPLES).forAll(lists().of(lineSpecs()).ofSizeBetween(1, 4),
                        lists().of(asks()).ofSizeBetween(1, 12), integers().between(0, 1))
                .checkAssert((specs, asks, yen) -> {
                    String currency = yen == 1 ? "JPY" : "EUR";
                    Invoice invoice = invoice(specs, currency);
                    List<CreditNote> notes = new ArrayList<>();
                    for (Ask ask : asks) {
                        CreditRequest request = requestFor(invoice, ask, currency);
                        Creditable before = Creditable.of(invoice, notes);
                        boolean exceeds = exceeds(before, invoice, request);
                        try {
                            List<CreditNoteLine> lines = before.linesFor(request);
                            assertThat(exceeds).as("accepted %s with %s left", ask, before.total()).isFalse();
                            notes.add(note(invoice, lines, request));
                        } catch (RefusedException e) {
                            assertThat(e.refusal().code()).isEqualTo(RefusalCode.EXCEEDS_CREDITABLE);
                            assertThat(exceeds).as("refused %s with %s left", ask, before.total()).isTrue();
                        }
                        assertHeld(invoice, notes);
                    }
                    Creditable left = Creditable.of(invoice, notes);
                    if (left.total().isPositive()) {
                        notes.add(note(invoice, left.linesFor(CreditRequest.wholeInvoice(invoice,
                                CreditReason.ORDER_CHANGE, CreditDestination.BALANCE)), null));
                    }
                    assertThat(sum(notes.stream().map(CreditNote::total).toList(), invoice))
                            .as("everything credited").isEqualTo(invoice.total());
                    assertThat(sum(notes.stream().map(CreditNote::taxTotal).toList(), invoice))
                            .as("all the VAT credited").isEqualTo(invoice.taxTotal());
                    assertThat(Creditable.of(invoice, notes).total().isZero()).isTrue();
                });
    }

    @Test
    void aBalanceNeverGoesBelowZeroAndIsTheSumOfItsEntries() {
        qt().withExamples(EXAMPLES).forAll(lists().of(integers().between(-50_000, 50_000)).ofSizeBetween(1, 40))
                .checkAssert(moves -> {
                    CompanyId company = CompanyId.random();
                    Optional<CreditEntry> latest = Optional.empty();
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int minor : moves) {
                        if (minor == 0) {
                            continue;
                        }
                        MonetaryAmount amount = Money.of(BigDecimal.valueOf(minor, 2), "EUR");
                        BigDecimal balance = latest.map(e -> e.balance().getNumber().numberValueExact(BigDecimal.class))
                                .orElse(BigDecimal.ZERO);
                        boolean overdraws = balance.add(amount.getNumber().numberValueExact(BigDecimal.class))
                                .signum() < 0;
                        try {
                            CreditEntry entry = CreditEntry.after(latest, company, amount,
                                    minor < 0 ? CreditEntry.Kind.APPLIED : CreditEntry.Kind.CREDITED,
                                    CreditNoteId.random(), InvoiceId.random(), AT);
                            assertThat(overdraws).isFalse();
                            assertThat(entry.sequence()).isEqualTo(latest.map(CreditEntry::sequence).orElse(0L) + 1);
                            latest = Optional.of(entry);
                            sum = sum.add(amount.getNumber().numberValueExact(BigDecimal.class));
                        } catch (IllegalArgumentException refused) {
                            assertThat(overdraws).as("refused %s on %s", amount, balance).isTrue();
                        }
                        BigDecimal now = latest.map(e -> e.balance().getNumber().numberValueExact(BigDecimal.class))
                                .orElse(BigDecimal.ZERO);
                        assertThat(now.signum()).isNotNegative();
                        assertThat(now).isEqualByComparingTo(sum);
                    }
                });
    }

    /** What the request asks for beyond what is left, by the documented rule, computed independently. */
    private static boolean exceeds(Creditable before, Invoice invoice, CreditRequest request) {
        BigDecimal gross = BigDecimal.ZERO;
        int credited = 0;
        for (CreditRequest.Line line : request.lines()) {
            BigDecimal left = exact(before.net(line.invoiceLine()));
            if (line.amount() == null && left.signum() == 0) {
                continue;
            }
            credited++;
            BigDecimal asked = line.amount() == null ? left : exact(line.amount());
            if (asked.signum() <= 0 || asked.compareTo(left) > 0) {
                return true;
            }
            BigDecimal vatLeft = exact(before.vat(line.invoiceLine()));
            BigDecimal rate = invoice.lines().get(line.invoiceLine()).tax().ratePercent();
            int digits = invoice.total().getCurrency().getDefaultFractionDigits();
            BigDecimal vat = asked.compareTo(left) == 0 ? vatLeft
                    : asked.multiply(rate).movePointLeft(2).setScale(digits, RoundingMode.HALF_UP).min(vatLeft);
            gross = gross.add(asked).add(vat);
        }
        return credited == 0 || gross.compareTo(exact(before.total())) > 0;
    }

    private static void assertHeld(Invoice invoice, List<CreditNote> notes) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < invoice.lines().size(); i++) {
            InvoiceLine original = invoice.lines().get(i);
            BigDecimal net = BigDecimal.ZERO;
            BigDecimal vat = BigDecimal.ZERO;
            for (CreditNote note : notes) {
                for (CreditNoteLine line : note.lines()) {
                    if (line.invoiceLine() == i) {
                        net = net.add(exact(line.amount()));
                        vat = vat.add(exact(line.tax().amount()));
                        assertThat(line.tax().treatment()).isEqualTo(original.tax().treatment());
                        assertThat(line.tax().country()).isEqualTo(original.tax().country());
                        assertThat(line.tax().ratePercent()).isEqualByComparingTo(original.tax().ratePercent());
                        assertThat(line.tax().note()).isEqualTo(original.tax().note());
                        assertThat(line.description()).isEqualTo(original.description());
                    }
                }
            }
            assertThat(net).as("net credited on line %d", i).isLessThanOrEqualTo(exact(original.amount()));
            assertThat(vat).as("VAT credited on line %d", i).isLessThanOrEqualTo(exact(original.tax().amount()));
            total = total.add(net).add(vat);
        }
        assertThat(total).as("credited in all").isLessThanOrEqualTo(exact(invoice.total()));
    }

    private static CreditRequest requestFor(Invoice invoice, Ask ask, String currency) {
        if (ask.line() < 0 || ask.line() >= invoice.lines().size()) {
            return CreditRequest.wholeInvoice(invoice, CreditReason.DUPLICATE, CreditDestination.BALANCE);
        }
        int digits = Math.max(0, Money.of(0, currency).getCurrency().getDefaultFractionDigits());
        return ask.minor() == 0
                ? CreditRequest.of(CreditReason.ORDER_CHANGE, CreditDestination.BALANCE,
                        CreditRequest.Line.remainderOf(ask.line()))
                : CreditRequest.of(CreditReason.ORDER_CHANGE, CreditDestination.BALANCE,
                        CreditRequest.Line.of(ask.line(), Money.of(BigDecimal.valueOf(ask.minor(), digits), currency)));
    }

    private static Invoice invoice(List<LineSpec> specs, String currency) {
        int digits = Math.max(0, Money.of(0, currency).getCurrency().getDefaultFractionDigits());
        List<InvoiceLine> lines = new ArrayList<>();
        for (LineSpec spec : specs) {
            MonetaryAmount net = Money.of(BigDecimal.valueOf(spec.minor(), digits), currency);
            BigDecimal rate = spec.reverseCharge() ? BigDecimal.ZERO : RATES.get(spec.rate());
            BigDecimal vat = exact(net).multiply(rate).movePointLeft(2).setScale(digits, RoundingMode.HALF_UP);
            TaxLine tax = spec.reverseCharge()
                    ? new TaxLine(VatTreatment.REVERSE_CHARGE, CountryCode.of("DE"), BigDecimal.ZERO,
                            Money.of(0, currency), "Reverse charge")
                    : new TaxLine(VatTreatment.DOMESTIC, CountryCode.of("NL"), rate, Money.of(vat, currency), "");
            lines.add(new InvoiceLine(ProductCode.of("edr"), "Line " + lines.size(), SubscriptionId.random(),
                    PlanId.of("edr-monthly"), AT, AT.plusSeconds(86_400), 1, net, net, tax));
        }
        Party party = new Party("Acme", null, null, org.billingsdk.core.company.Address.of("Damrak 1", "1012 LG",
                "Amsterdam", "NL"));
        return Invoice.draftOf(InvoiceId.random(), CompanyId.random(), party, party, lines)
                .finalized(new InvoiceNumber("INV-2026", 1), AT, AT.plusSeconds(86_400)).paid(AT);
    }

    private static CreditNote note(Invoice invoice, List<CreditNoteLine> lines, CreditRequest request) {
        return CreditNote.of(CreditNoteId.random(), new InvoiceNumber("CN-2026", 1), invoice, lines,
                request == null ? CreditReason.ORDER_CHANGE : request.reason(), null, CreditDestination.BALANCE, AT);
    }

    private static MonetaryAmount sum(List<MonetaryAmount> amounts, Invoice invoice) {
        return amounts.stream().reduce(invoice.total().multiply(0), MonetaryAmount::add);
    }

    private static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }
}
