package org.billingsdk.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceSection;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.tax.VatBreakdown;

/**
 * Renders invoices and credit notes as PDF (A4) with Apache PDFBox: every field EU law requires on
 * an invoice (Directive 2006/112/EC art. 226), as {@code HtmlInvoiceRenderer} prints them: number,
 * issue and due dates, the seller and the buyer with their addresses and VAT numbers, each line
 * with its service period, quantity, unit price, VAT rate and amount (a consolidated invoice's
 * lines under each company's name, with its subtotal), the VAT per rate, the total, the credit
 * applied and the amount due, the reverse-charge note where it applies, and the payments; a
 * credit note also names the invoice it corrects, its reason, what the credit does and its memo.
 * Each page is numbered ("Page 2 of 3"). Text from customers is written as text, never
 * interpreted. Thread-safe.
 *
 * <pre>{@code
 * Billing billing = Billing.builder()
 *         .renderer(DocumentFormat.PDF, PdfInvoiceRenderer.create())
 *         ...
 *         .build();
 * }</pre>
 */
public final class PdfInvoiceRenderer implements InvoiceRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String PDF = "application/pdf";
    private static final float TITLE = 16;
    private static final float HEADING = 10;
    private static final float BODY = 9;
    private static final float LINE = 13;

    /**
     * Columns of the lines' table. Each line prints its description across the page, then its
     * figures under it: the service period from {@link #PERIOD_X}, the other figures each ending at
     * its column.
     */
    private static final float PERIOD_X = PdfLayout.LEFT + 12;
    private static final float QUANTITY_END = 330;
    private static final float UNIT_END = 405;
    private static final float RATE_END = 450;
    private static final float LABEL_END = 440;
    private static final float FULL_WIDTH = PdfLayout.RIGHT - PdfLayout.LEFT;

    private final PdfFonts fonts;

    private PdfInvoiceRenderer(PdfFonts fonts) {
        this.fonts = fonts;
    }

    /**
     * A renderer with the bundled DejaVu Sans and the fallback fonts of Debian and Ubuntu that are
     * installed ({@link PdfFonts#withSystemFallbacks()}).
     *
     * @return the renderer
     */
    public static PdfInvoiceRenderer create() {
        return new PdfInvoiceRenderer(PdfFonts.withSystemFallbacks());
    }

    /**
     * A renderer writing in {@code fonts}.
     *
     * @param fonts the fonts, such as {@code PdfFonts.bundled().withFallback(path)}
     * @return the renderer
     */
    public static PdfInvoiceRenderer with(PdfFonts fonts) {
        return new PdfInvoiceRenderer(Objects.requireNonNull(fonts, "fonts"));
    }

    @Override
    public InvoiceDocument render(Invoice invoice, List<Payment> payments) {
        if (invoice.number() == null) {
            throw new IllegalArgumentException("only an issued invoice has a document");
        }
        PdfLayout page = new PdfLayout(fonts);
        page.left(PdfLayout.LEFT, "Invoice " + invoice.number(), true, TITLE);
        page.down(LINE * 1.6f);
        facts(page, List.of("Issue date: " + day(invoice.issuedAt()), "Due date: " + day(invoice.dueAt()),
                "Status: " + invoice.state()));
        parties(page, "Seller", invoice.seller(), "Bill to", invoice.buyer());

        header(page, true);
        List<InvoiceSection> sections = invoice.sections();
        if (sections.size() > 1) {
            for (InvoiceSection section : sections) {
                page.keep(LINE * 3);
                page.left(PdfLayout.LEFT, section.companyName(), true, BODY);
                page.down(LINE);
                section.lines().forEach(line -> line(page, line, ""));
                total(page, "Subtotal " + section.companyName(), section.subtotal(), false);
            }
        } else {
            for (InvoiceLine line : invoice.lines()) {
                line(page, line, line.companyId() != null && !line.companyId().equals(invoice.companyId())
                        ? " (for " + line.companyName() + ")" : "");
            }
        }
        page.rule();
        page.down(LINE);
        total(page, "Subtotal", invoice.subtotal(), false);
        List<VatBreakdown> vat = invoice.vatBreakdown();
        for (VatBreakdown rate : vat) {
            total(page, vatLabel(rate, ""), rate.taxAmount(), false);
        }
        total(page, "Total", invoice.total(), true);
        if (!invoice.creditApplied().isZero()) {
            total(page, "Credit applied", "-" + Amounts.format(invoice.creditApplied()), false);
        }
        total(page, "Amount due", invoice.amountDue(), true);
        notes(page, vat);
        if (!payments.isEmpty()) {
            page.down(LINE / 2);
            page.keep(LINE * 2);
            page.left(PdfLayout.LEFT, "Payments", true, HEADING);
            page.down(LINE);
            for (Payment payment : payments) {
                page.keep(LINE);
                page.left(PdfLayout.LEFT, day(payment.createdAt()) + " attempt " + payment.attempt() + ": "
                        + payment.status() + (payment.failureCode() == null ? "" : " (" + payment.failureCode().value()
                        + ")"), false, BODY);
                page.down(LINE);
            }
        }
        return new InvoiceDocument(invoice.number() + ".pdf", PDF, page.finish("Invoice " + invoice.number()));
    }

    @Override
    public InvoiceDocument renderCreditNote(CreditNote note, Invoice invoice) {
        PdfLayout page = new PdfLayout(fonts);
        page.left(PdfLayout.LEFT, "Credit note " + note.number(), true, TITLE);
        page.down(LINE * 1.6f);
        facts(page, List.of("Issue date: " + day(note.issuedAt()),
                "Corrects invoice: " + note.invoiceNumber() + " of " + day(invoice.issuedAt()),
                "Reason: " + note.reason().text(), "Credit: " + note.destination().text()));
        parties(page, "Seller", note.seller(), "Customer", note.buyer());

        header(page, false);
        for (CreditNoteLine line : note.lines()) {
            row(page, line.description(), period(invoice.lines().get(line.invoiceLine())), null, null,
                    line.tax().ratePercent(), "-" + Amounts.format(line.amount()));
        }
        page.rule();
        page.down(LINE);
        total(page, "Subtotal", "-" + Amounts.format(note.subtotal()), false);
        List<VatBreakdown> vat = note.vatBreakdown();
        for (VatBreakdown rate : vat) {
            total(page, vatLabel(rate, "-"), "-" + Amounts.format(rate.taxAmount()), false);
        }
        total(page, "Total credited", "-" + Amounts.format(note.total()), true);
        notes(page, vat);
        if (note.memo() != null) {
            page.down(LINE / 2);
            for (String text : page.wrap(note.memo(), FULL_WIDTH, false, BODY)) {
                page.keep(LINE);
                page.left(PdfLayout.LEFT, text, false, BODY);
                page.down(LINE);
            }
        }
        return new InvoiceDocument(note.number() + ".pdf", PDF, page.finish("Credit note " + note.number()));
    }

    private static void facts(PdfLayout page, List<String> facts) {
        for (String fact : facts) {
            page.left(PdfLayout.LEFT, fact, false, BODY);
            page.down(LINE);
        }
        page.down(LINE / 2);
    }

    /** The two parties, one under the other, each under its title. */
    private static void parties(PdfLayout page, String firstTitle, Party first, String secondTitle, Party second) {
        party(page, firstTitle, first);
        party(page, secondTitle, second);
    }

    private static void party(PdfLayout page, String title, Party party) {
        List<String> lines = page.wrapAll(lines(party), FULL_WIDTH, BODY);
        page.keep(LINE * (1 + lines.size()));
        page.left(PdfLayout.LEFT, title, true, HEADING);
        page.down(LINE);
        for (String text : lines) {
            page.left(PdfLayout.LEFT, text, false, BODY);
            page.down(LINE);
        }
        page.down(LINE / 2);
    }

    /** A party as printed: its name, address, VAT number and email, one per line. */
    private static List<String> lines(Party party) {
        List<String> lines = new ArrayList<>();
        lines.add(party.name());
        Address address = party.address();
        if (address != null) {
            lines.add(address.line1());
            if (address.line2() != null) {
                lines.add(address.line2());
            }
            lines.add((address.postalCode() == null ? "" : address.postalCode() + " ") + address.city());
            if (address.region() != null) {
                lines.add(address.region());
            }
            lines.add(address.country());
        }
        if (party.vatNumber() != null) {
            lines.add("VAT number: " + party.vatNumber().value());
        }
        if (party.email() != null) {
            lines.add(party.email().value());
        }
        return lines;
    }

    private static void header(PdfLayout page, boolean withQuantity) {
        page.keep(LINE * 4);
        page.left(PdfLayout.LEFT, "Description", true, BODY);
        page.down(LINE);
        page.left(PERIOD_X, "Service period", true, BODY);
        if (withQuantity) {
            page.right(QUANTITY_END, "Quantity", true, BODY);
            page.right(UNIT_END, "Unit price", true, BODY);
        }
        page.right(RATE_END, "VAT", true, BODY);
        page.right(PdfLayout.RIGHT, "Amount", true, BODY);
        page.rule();
        page.down(LINE * 1.3f);
    }

    private static void line(PdfLayout page, InvoiceLine line, String forCompany) {
        row(page, line.description() + forCompany, period(line), String.valueOf(line.quantity()),
                Amounts.format(line.unitPrice()), line.tax().ratePercent(), Amounts.format(line.amount()));
    }

    /**
     * A row of the lines' table: its description across the page, its figures under it; a credit
     * note's rows have no quantity and unit price ({@code null}).
     */
    private static void row(PdfLayout page, String text, String period, String quantity, String unitPrice,
            BigDecimal rate, String amount) {
        List<String> description = page.wrap(text, FULL_WIDTH, false, BODY);
        page.keep(LINE * (description.size() + 1));
        for (String part : description) {
            page.left(PdfLayout.LEFT, part, false, BODY);
            page.down(LINE);
        }
        page.left(PERIOD_X, period, false, BODY);
        if (quantity != null) {
            page.right(QUANTITY_END, quantity, false, BODY);
            page.right(UNIT_END, unitPrice, false, BODY);
        }
        page.right(RATE_END, percent(rate), false, BODY);
        page.right(PdfLayout.RIGHT, amount, false, BODY);
        page.down(LINE * 1.2f);
    }

    private static void total(PdfLayout page, String label, MonetaryAmount amount, boolean bold) {
        total(page, label, Amounts.format(amount), bold);
    }

    private static void total(PdfLayout page, String label, String amount, boolean bold) {
        page.keep(LINE);
        page.right(LABEL_END, label, bold, BODY);
        page.right(PdfLayout.RIGHT, amount, bold, BODY);
        page.down(LINE);
    }

    private static String vatLabel(VatBreakdown rate, String sign) {
        return "VAT " + percent(rate.ratePercent()) + (rate.country() == null ? "" : " (" + rate.country() + ")")
                + " on " + sign + Amounts.format(rate.taxableAmount());
    }

    /** The VAT notes (the reverse-charge note), each once, under the totals. */
    private static void notes(PdfLayout page, List<VatBreakdown> vat) {
        List<String> notes = vat.stream().map(VatBreakdown::note).filter(note -> !note.isEmpty()).distinct().toList();
        for (String note : notes) {
            page.down(LINE / 2);
            for (String text : page.wrap(note, FULL_WIDTH, false, BODY)) {
                page.keep(LINE);
                page.left(PdfLayout.LEFT, text, false, BODY);
                page.down(LINE);
            }
        }
    }

    private static String period(InvoiceLine line) {
        return day(line.periodStart()) + " to " + day(line.periodEnd());
    }

    private static String day(Instant instant) {
        return DAY.format(instant);
    }

    private static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }
}
