package org.billingsdk.core.history;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
import org.billingsdk.core.invoice.Seller;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.Payments;
import org.billingsdk.core.port.InvoiceRenderer;
import org.billingsdk.core.tax.VatBreakdown;

/**
 * Renders an invoice as a self-contained HTML page with every field EU law requires on an invoice
 * (Directive 2006/112/EC art. 226): number, issue date, seller's and buyer's names, addresses and
 * VAT numbers, the service periods, amounts before tax, the VAT rate and amount, the total, and the
 * reverse-charge note where it applies; and a credit note with the same fields, the invoice it
 * corrects and its reason. A payer's consolidated invoice shows its lines by company, each
 * company's under its name with their subtotal. Everything printed is HTML-escaped. Thread-safe.
 */
public final class HtmlInvoiceRenderer implements InvoiceRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @Override
    public InvoiceDocument render(Invoice invoice, List<Payment> payments) {
        if (invoice.number() == null) {
            throw new IllegalArgumentException("only an issued invoice has a document");
        }
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Invoice ")
                .append(escape(invoice.number().toString())).append("</title></head>\n<body>\n");
        html.append("<h1>Invoice ").append(escape(invoice.number().toString())).append("</h1>\n");
        html.append("<p>Issue date: ").append(DAY.format(invoice.issuedAt())).append("<br>Due date: ")
                .append(DAY.format(invoice.dueAt())).append("<br>Status: ").append(invoice.state()).append("</p>\n");
        party(html, "Seller", invoice.seller());
        party(html, "Bill to", invoice.buyer());
        html.append("<table>\n<tr><th>Description</th><th>Service period</th><th>Quantity</th>"
                + "<th>Unit price</th><th>VAT</th><th>Amount</th></tr>\n");
        List<InvoiceSection> sections = invoice.sections();
        if (sections.size() > 1) {
            // A consolidated invoice: each company's lines under its name, with their subtotal.
            for (InvoiceSection section : sections) {
                html.append("<tr><th colspan=\"6\">").append(escape(section.companyName())).append("</th></tr>\n");
                section.lines().forEach(line -> line(html, line, ""));
                html.append("<tr><td colspan=\"5\">Subtotal ").append(escape(section.companyName()))
                        .append("</td><td>").append(money(section.subtotal())).append("</td></tr>\n");
            }
        } else {
            for (InvoiceLine line : invoice.lines()) {
                // A line billed for another company than the invoice's (its payer is billed) names it.
                line(html, line, line.companyId() != null && !line.companyId().equals(invoice.companyId())
                        ? " (for " + line.companyName() + ")" : "");
            }
        }
        html.append("<tr><td colspan=\"5\">Subtotal</td><td>").append(money(invoice.subtotal()))
                .append("</td></tr>\n");
        List<VatBreakdown> vat = invoice.vatBreakdown();
        for (VatBreakdown rate : vat) {
            html.append("<tr><td colspan=\"5\">VAT ").append(percent(rate.ratePercent()))
                    .append(rate.country() == null ? "" : " (" + rate.country() + ")").append(" on ")
                    .append(money(rate.taxableAmount())).append("</td><td>").append(money(rate.taxAmount()))
                    .append("</td></tr>\n");
        }
        html.append("<tr><th colspan=\"5\">Total</th><th>").append(money(invoice.total())).append("</th></tr>\n");
        if (!invoice.creditApplied().isZero()) {
            html.append("<tr><td colspan=\"5\">Credit applied</td><td>-").append(money(invoice.creditApplied()))
                    .append("</td></tr>\n");
        }
        html.append("<tr><th colspan=\"5\">Amount due</th><th>").append(money(invoice.amountDue()))
                .append("</th></tr>\n");
        html.append("</table>\n");
        vat.stream().map(VatBreakdown::note).filter(note -> !note.isEmpty()).distinct().forEach(note ->
                html.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        if (!payments.isEmpty()) {
            html.append("<h2>Payments</h2>\n<ul>\n");
            for (Payment payment : payments) {
                html.append("<li>").append(DAY.format(payment.createdAt())).append(" attempt ")
                        .append(payment.attempt()).append(": ").append(payment.status())
                        .append(payment.failureCode() == null ? "" : " (" + escape(payment.failureCode().value()) + ")")
                        .append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</body></html>\n");
        return new InvoiceDocument(invoice.number() + ".html", "text/html; charset=UTF-8",
                html.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InvoiceDocument renderCreditNote(CreditNote note, Invoice invoice) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Credit note ")
                .append(escape(note.number().toString())).append("</title></head>\n<body>\n");
        html.append("<h1>Credit note ").append(escape(note.number().toString())).append("</h1>\n");
        html.append("<p>Issue date: ").append(DAY.format(note.issuedAt())).append("<br>Corrects invoice: ")
                .append(escape(note.invoiceNumber().toString())).append(" of ").append(DAY.format(invoice.issuedAt()))
                .append("<br>Reason: ").append(note.reason().text()).append("<br>Credit: ")
                .append(note.destination().text()).append("</p>\n");
        party(html, "Seller", note.seller());
        party(html, "Customer", note.buyer());
        html.append("<table>\n<tr><th>Description</th><th>Service period</th><th>VAT</th><th>Amount</th></tr>\n");
        for (CreditNoteLine line : note.lines()) {
            InvoiceLine original = invoice.lines().get(line.invoiceLine());
            html.append("<tr><td>").append(escape(line.description())).append("</td><td>")
                    .append(DAY.format(original.periodStart())).append(" to ").append(DAY.format(original.periodEnd()))
                    .append("</td><td>").append(percent(line.tax().ratePercent())).append("</td><td>-")
                    .append(money(line.amount())).append("</td></tr>\n");
        }
        html.append("<tr><td colspan=\"3\">Subtotal</td><td>-").append(money(note.subtotal())).append("</td></tr>\n");
        List<VatBreakdown> vat = note.vatBreakdown();
        for (VatBreakdown rate : vat) {
            html.append("<tr><td colspan=\"3\">VAT ").append(percent(rate.ratePercent()))
                    .append(rate.country() == null ? "" : " (" + rate.country() + ")").append(" on -")
                    .append(money(rate.taxableAmount())).append("</td><td>-").append(money(rate.taxAmount()))
                    .append("</td></tr>\n");
        }
        html.append("<tr><th colspan=\"3\">Total credited</th><th>-").append(money(note.total()))
                .append("</th></tr>\n</table>\n");
        vat.stream().map(VatBreakdown::note).filter(text -> !text.isEmpty()).distinct().forEach(text ->
                html.append("<p class=\"note\">").append(escape(text)).append("</p>\n"));
        if (note.memo() != null) {
            html.append("<p class=\"memo\">").append(escape(note.memo()).replace("\n", "<br>")).append("</p>\n");
        }
        html.append("</body></html>\n");
        return new InvoiceDocument(note.number() + ".html", "text/html; charset=UTF-8",
                html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void party(StringBuilder html, String title, Party party) {
        html.append("<section><h2>").append(title).append("</h2><p>").append(escape(party.name()));
        Address address = party.address();
        if (address != null) {
            html.append("<br>").append(escape(address.line1()));
            if (address.line2() != null) {
                html.append("<br>").append(escape(address.line2()));
            }
            html.append("<br>").append(escape(address.postalCode() == null ? "" : address.postalCode() + " "))
                    .append(escape(address.city()));
            if (address.region() != null) {
                html.append("<br>").append(escape(address.region()));
            }
            html.append("<br>").append(escape(address.country()));
        }
        if (party.vatNumber() != null) {
            html.append("<br>VAT number: ").append(escape(party.vatNumber().value()));
        }
        if (party.email() != null) {
            html.append("<br>").append(escape(party.email().value()));
        }
        html.append("</p></section>\n");
    }

    private static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }

    private static void line(StringBuilder html, InvoiceLine line, String forCompany) {
        html.append("<tr><td>").append(escape(line.description() + forCompany)).append("</td><td>")
                .append(DAY.format(line.periodStart())).append(" to ").append(DAY.format(line.periodEnd()))
                .append("</td><td>").append(line.quantity()).append("</td><td>").append(money(line.unitPrice()))
                .append("</td><td>").append(percent(line.tax().ratePercent())).append("</td><td>")
                .append(money(line.amount())).append("</td></tr>\n");
    }

    private static String money(MonetaryAmount amount) {
        return Amounts.format(amount);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
