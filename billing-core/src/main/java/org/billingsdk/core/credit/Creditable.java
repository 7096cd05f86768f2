package org.billingsdk.core.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.Proration;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatRules;
import org.billingsdk.core.validation.PlainTextValidator;

/**
 * What an issued invoice still holds for credit after its earlier credit notes, line by line, and
 * the rules that turn a {@link CreditRequest} into credit-note lines:
 * <ul>
 *   <li>a line is credited net, at most what it still holds; its VAT is the credited amount at the
 *       line's own rate, rounded half-up to the currency's decimals, never more than the VAT the
 *       line still holds; the credit that finishes a line takes exactly the VAT left on it;</li>
 *   <li>a credit note never exceeds what the invoice still holds: what its charging lines still
 *       hold, net and VAT (its total less earlier credit notes when it has no line that is a credit
 *       itself; such a line, which credits another invoice's unused time, is never credited);</li>
 *   <li>each credit-note line keeps its invoice line's treatment, country, rate and note, even if
 *       the buyer's VAT situation has changed since.</li>
 * </ul>
 * And what a change of plan or quantity credits for the unused time of a line ({@link #unusedTime}).
 * Immutable.
 */
public final class Creditable {

    private static final int MEMO_MAX = 500;

    private final Invoice invoice;
    private final List<MonetaryAmount> net;
    private final List<MonetaryAmount> vat;
    private final MonetaryAmount total;

    private Creditable(Invoice invoice, List<MonetaryAmount> net, List<MonetaryAmount> vat, MonetaryAmount total) {
        this.invoice = invoice;
        this.net = net;
        this.vat = vat;
        this.total = total;
    }

    /**
     * What {@code invoice} still holds after {@code earlier}.
     *
     * @param invoice an issued invoice
     * @param earlier every credit note issued on it so far
     * @return what is left to credit
     * @throws IllegalArgumentException if a credit note is of another invoice or names a line it
     *     does not have
     */
    public static Creditable of(Invoice invoice, List<CreditNote> earlier) {
        return of(invoice, earlier, Map.of());
    }

    /**
     * What {@code invoice} still holds after {@code earlier} and after the changes of plan or
     * quantity that credited the unused time of its lines on later invoices: a line a change
     * superseded holds only what its credit line left of it.
     *
     * @param invoice an issued invoice
     * @param earlier every credit note issued on it so far
     * @param creditedByChanges for the position of each of its lines that a later change credited
     *     on its own invoice, that credit line ({@link InvoiceLine.Kind#UNUSED_TIME})
     * @return what is left to credit
     * @throws IllegalArgumentException if a credit note is of another invoice or names a line it
     *     does not have, or a change's credit is not a credit line of the same subscription
     */
    public static Creditable of(Invoice invoice, List<CreditNote> earlier,
            Map<Integer, InvoiceLine> creditedByChanges) {
        Objects.requireNonNull(invoice, "invoice");
        List<MonetaryAmount> net = new ArrayList<>();
        List<MonetaryAmount> vat = new ArrayList<>();
        for (InvoiceLine line : invoice.lines()) {
            net.add(line.amount());
            vat.add(line.tax().amount());
        }
        MonetaryAmount total = invoice.total();
        for (CreditNote note : earlier) {
            if (!note.invoiceId().equals(invoice.id())) {
                throw new IllegalArgumentException("credit note " + note.number() + " is not of invoice "
                        + invoice.number());
            }
            for (CreditNoteLine line : note.lines()) {
                if (line.invoiceLine() >= net.size()) {
                    throw new IllegalArgumentException("credit note " + note.number() + " names no line of invoice "
                            + invoice.number());
                }
                net.set(line.invoiceLine(), net.get(line.invoiceLine()).subtract(line.amount()));
                vat.set(line.invoiceLine(), vat.get(line.invoiceLine()).subtract(line.tax().amount()));
            }
        }
        creditedByChanges.forEach((position, credit) -> {
            if (position < 0 || position >= net.size() || !credit.isCredit()
                    || !credit.subscriptionId().equals(invoice.lines().get(position).subscriptionId())) {
                throw new IllegalArgumentException("a change's credit of line " + position + " of invoice "
                        + invoice.number() + " is not a credit line of its subscription");
            }
            net.set(position, net.get(position).add(credit.amount()));
            vat.set(position, vat.get(position).add(credit.tax().amount()));
        });
        MonetaryAmount left = total.multiply(0);
        for (int i = 0; i < net.size(); i++) {
            if (!invoice.lines().get(i).isCredit()) {
                left = left.add(positive(net.get(i))).add(positive(vat.get(i)));
            }
        }
        return new Creditable(invoice, List.copyOf(net), List.copyOf(vat), left);
    }

    private static MonetaryAmount positive(MonetaryAmount amount) {
        return amount.isNegative() ? amount.multiply(0) : amount;
    }

    /**
     * The net amount a line still holds.
     *
     * @param line the line's position, from 0
     * @return zero or more (a line that is a credit itself holds nothing to credit)
     * @throws IndexOutOfBoundsException if the invoice has no such line
     */
    public MonetaryAmount net(int line) {
        MonetaryAmount left = net.get(line);
        return left.isNegative() ? left.multiply(0) : left;
    }

    /**
     * The VAT a line still holds.
     *
     * @param line the line's position, from 0
     * @return zero or more
     * @throws IndexOutOfBoundsException if the invoice has no such line
     */
    public MonetaryAmount vat(int line) {
        MonetaryAmount left = vat.get(line);
        return left.isNegative() ? left.multiply(0) : left;
    }

    /**
     * {@return what the invoice still holds: what its charging lines hold, net and VAT, after every
     * earlier credit note (for an invoice without credit lines, its total less theirs)}
     */
    public MonetaryAmount total() {
        return total;
    }

    /**
     * The credit-note lines {@code request} asks for, by the rules above.
     *
     * @param request what to credit
     * @return one line per requested line, in the request's order, but none for the remainder of a
     *     line that holds nothing more
     * @throws InvalidInputException naming every problem of the request (reason, destination, lines,
     *     amounts, memo)
     * @throws RefusedException with {@code EXCEEDS_CREDITABLE} if a line or the whole exceeds what
     *     the invoice still holds
     */
    public List<CreditNoteLine> linesFor(CreditRequest request) {
        Objects.requireNonNull(request, "request");
        List<Violation> problems = problemsWith(request);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<CreditNoteLine> lines = new ArrayList<>();
        MonetaryAmount sum = total.multiply(0);
        for (CreditRequest.Line asked : request.lines()) {
            int position = asked.invoiceLine();
            InvoiceLine original = invoice.lines().get(position);
            MonetaryAmount leftNet = net(position);
            if (asked.amount() == null && leftNet.isZero()) {
                continue; // the remainder of a line credited in full already: nothing to add
            }
            MonetaryAmount amount = asked.amount() == null ? leftNet : asked.amount();
            if (!amount.isPositive() || amount.isGreaterThan(leftNet)) {
                throw exceeds("Line " + (position + 1) + " of invoice " + invoice.number() + " holds "
                        + Amounts.format(leftNet) + " to credit; "
                        + Amounts.format(amount) + " asked.");
            }
            TaxLine tax = creditTax(position, amount);
            CreditNoteLine line = new CreditNoteLine(position, original.description(), amount, tax);
            lines.add(line);
            sum = sum.add(line.gross());
        }
        if (lines.isEmpty()) {
            throw exceeds("Invoice " + invoice.number() + " holds nothing more to credit on the lines asked for.");
        }
        if (sum.isGreaterThan(total)) {
            throw exceeds("Invoice " + invoice.number() + " holds " + Amounts.format(total)
                    + " to credit; " + Amounts.format(sum) + " asked.");
        }
        return List.copyOf(lines);
    }

    /**
     * The net credit a change at {@code at} gives for the unused time of line {@code line}: its
     * amount times the seconds from {@code at} to the line's service end over the seconds of its
     * service period, rounded once, half-up, to the currency's decimals ({@link Proration}), and
     * never more than the line still holds.
     *
     * @param line the line's position, from 0
     * @param at the instant of the change
     * @return zero or more; zero for a line that is a credit itself
     * @throws IndexOutOfBoundsException if the invoice has no such line
     */
    public MonetaryAmount unusedAt(int line, Instant at) {
        InvoiceLine charged = invoice.lines().get(line);
        if (charged.isCredit()) {
            return net(line).multiply(0);
        }
        return min(Proration.remainingShare(charged.amount(), charged.periodStart(), charged.periodEnd(), at),
                net(line));
    }

    /**
     * The credit line, for another invoice, of the unused time of line {@code line} that a change at
     * {@code at} gives ({@link #unusedAt}): from {@code at} to the line's service end, at its plan,
     * quantity and unit price, below zero, its VAT at the line's own treatment and rate, rounded once
     * and never more than the VAT the line still holds (all of it when the credit takes all the line
     * holds).
     *
     * @param line the line's position, from 0
     * @param at the instant of the change, within the line's service period
     * @param description what the line prints, such as "Unused time on Endpoint Protection"
     * @return the credit line, or empty when nothing is unused
     * @throws IndexOutOfBoundsException if the invoice has no such line
     */
    public Optional<InvoiceLine> unusedTime(int line, Instant at, String description) {
        MonetaryAmount unused = unusedAt(line, at);
        if (!unused.isPositive()) {
            return Optional.empty();
        }
        InvoiceLine charged = invoice.lines().get(line);
        TaxLine tax = creditTax(line, unused);
        Instant from = at.isBefore(charged.periodStart()) ? charged.periodStart() : at;
        return Optional.of(new InvoiceLine(charged.productCode(), description, charged.subscriptionId(),
                charged.planId(), from, charged.periodEnd(), charged.quantity(), charged.unitPrice(), unused.negate(),
                new TaxLine(tax.treatment(), tax.country(), tax.ratePercent(), tax.amount().negate(), tax.note()),
                InvoiceLine.Kind.UNUSED_TIME, charged.companyId(), charged.companyName()));
    }

    /** The VAT of crediting {@code amount} of a line: at its rate, rounded once, within what it still holds. */
    private TaxLine creditTax(int position, MonetaryAmount amount) {
        TaxLine original = invoice.lines().get(position).tax();
        MonetaryAmount leftVat = vat(position);
        MonetaryAmount credited = amount.isEqualTo(net(position)) ? leftVat : min(vatOn(amount, original), leftVat);
        return new TaxLine(original.treatment(), original.country(), original.ratePercent(), credited, original.note());
    }

    private static RefusedException exceeds(String message) {
        return new RefusedException(new Refusal(RefusalCode.EXCEEDS_CREDITABLE, message));
    }

    private static MonetaryAmount vatOn(MonetaryAmount amount, TaxLine tax) {
        BigDecimal exact = amount.getNumber().numberValueExact(BigDecimal.class).multiply(tax.ratePercent())
                .movePointLeft(2);
        return VatRules.roundedMoney(exact, amount);
    }

    private static MonetaryAmount min(MonetaryAmount a, MonetaryAmount b) {
        return a.isGreaterThan(b) ? b : a;
    }

    private List<Violation> problemsWith(CreditRequest request) {
        List<Violation> problems = new ArrayList<>();
        if (request.reason() == null) {
            problems.add(new Violation("reason", "is required"));
        }
        if (request.destination() == null) {
            problems.add(new Violation("destination", "is required"));
        }
        if (request.memo() != null && (request.memo().length() > MEMO_MAX || request.memo().codePoints()
                .anyMatch(c -> c != '\n' && c != '\r' && PlainTextValidator.isLineBreakOrControl(c)))) {
            problems.add(new Violation("memo", "must be at most " + MEMO_MAX
                    + " characters without control characters other than line breaks"));
        }
        if (request.lines().isEmpty()) {
            problems.add(new Violation("lines", "must name at least one invoice line"));
        }
        Set<Integer> named = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            CreditRequest.Line line = request.lines().get(i);
            String field = "lines[" + i + "]";
            if (line == null) {
                problems.add(new Violation(field, "is required"));
                continue;
            }
            if (line.invoiceLine() < 0 || line.invoiceLine() >= invoice.lines().size()) {
                problems.add(new Violation(field + ".invoiceLine", "must be a line of invoice " + invoice.number()
                        + ", 0 to " + (invoice.lines().size() - 1)));
            } else if (!named.add(line.invoiceLine())) {
                problems.add(new Violation(field + ".invoiceLine", "names a line named before"));
            } else if (!invoice.lines().get(line.invoiceLine()).amount().isPositive()) {
                problems.add(new Violation(field + ".invoiceLine", "is a credit itself, not creditable"));
            }
            MonetaryAmount amount = line.amount();
            if (amount != null) {
                int digits = total.getCurrency().getDefaultFractionDigits();
                if (!amount.getCurrency().equals(total.getCurrency())) {
                    problems.add(new Violation(field + ".amount", "must be in " + total.getCurrency()
                            + ", the invoice's currency"));
                } else if (!amount.isPositive()) {
                    problems.add(new Violation(field + ".amount", "must be above zero"));
                } else if (amount.getNumber().numberValueExact(BigDecimal.class).stripTrailingZeros().scale()
                        > Math.max(0, digits)) {
                    problems.add(new Violation(field + ".amount", "must have no more decimals than its currency ("
                            + Math.max(0, digits) + ")"));
                }
            }
        }
        return problems;
    }
}
