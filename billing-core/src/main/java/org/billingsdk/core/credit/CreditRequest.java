package org.billingsdk.core.credit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.invoice.Invoice;

/**
 * What to credit on an issued invoice: which lines and how much of each (net, before VAT), why,
 * and what the credit does. Validated when it is issued, every problem named; nothing is checked
 * here. Immutable.
 *
 * @param reason why; required
 * @param destination what the credit does: {@code AMOUNT_DUE} for an invoice not yet paid,
 *     {@code REFUND} or {@code BALANCE} for a paid one; required
 * @param lines at least one, each naming a different invoice line; copied
 * @param memo a note printed on the credit note, or {@code null}: at most 500 characters, no
 *     control characters other than line breaks
 */
public record CreditRequest(CreditReason reason, CreditDestination destination, List<Line> lines, String memo) {

    /**
     * Copies the lines (a {@code null} list is kept as no line, and named at validation).
     *
     * @param reason not checked here
     * @param destination not checked here
     * @param lines copied; may hold {@code null}s, named at validation
     * @param memo not checked here
     */
    public CreditRequest {
        lines = lines == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /**
     * How much of one invoice line to credit.
     *
     * @param invoiceLine the line's position on the invoice, from 0
     * @param amount the net amount to credit, above zero and in the invoice's currency; {@code null}
     *     for all that the line still holds (its VAT too)
     */
    public record Line(int invoiceLine, MonetaryAmount amount) {

        /**
         * Part of a line.
         *
         * @param invoiceLine the line's position on the invoice, from 0
         * @param amount the net amount, before VAT
         * @return the line to credit
         */
        public static Line of(int invoiceLine, MonetaryAmount amount) {
            return new Line(invoiceLine, amount);
        }

        /**
         * All that a line still holds after earlier credit notes, with its VAT.
         *
         * @param invoiceLine the line's position on the invoice, from 0
         * @return the line to credit
         */
        public static Line remainderOf(int invoiceLine) {
            return new Line(invoiceLine, null);
        }
    }

    /**
     * A request crediting these lines.
     *
     * @param reason why
     * @param destination what the credit does
     * @param lines which lines, how much of each
     * @return the request, with no memo
     */
    public static CreditRequest of(CreditReason reason, CreditDestination destination, Line... lines) {
        return new CreditRequest(reason, destination, List.of(lines), null);
    }

    /**
     * A request crediting all that every line of {@code invoice} still holds: what is left of the
     * invoice after earlier credit notes.
     *
     * @param invoice the invoice to credit
     * @param reason why
     * @param destination what the credit does
     * @return the request, with no memo
     */
    public static CreditRequest wholeInvoice(Invoice invoice, CreditReason reason, CreditDestination destination) {
        List<Line> all = new ArrayList<>();
        for (int line = 0; line < invoice.lines().size(); line++) {
            if (invoice.lines().get(line).amount().isPositive()) {
                all.add(Line.remainderOf(line));
            }
        }
        return new CreditRequest(reason, destination, all, null);
    }

    /**
     * The same request with a memo.
     *
     * @param text the note to print, or {@code null} for none
     * @return a copy with the memo
     */
    public CreditRequest withMemo(String text) {
        return new CreditRequest(reason, destination, lines, text);
    }
}
