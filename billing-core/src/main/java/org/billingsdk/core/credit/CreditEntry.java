package org.billingsdk.core.credit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * One entry of a company's credit balance in one currency: what moved, why, and the balance after
 * it. A company's entries in a currency are numbered 1, 2, 3, ... without gaps, so that two
 * transactions that both append the entry after the same one cannot both keep it: the storage
 * refuses the second, which the SDK runs again from a fresh read. The balance never goes below
 * zero, and it is always the sum of the entries up to and including this one. Immutable.
 *
 * @param companyId the company whose balance it is (the company that pays)
 * @param sequence its place in the company's entries in this currency, from 1
 * @param amount what moved: above zero for a credit, below zero for credit applied to an invoice
 * @param balance the balance after this entry, zero or more, in {@code amount}'s currency
 * @param kind why it moved
 * @param creditNoteId the credit note that credited the amount, or {@code null} when none did
 * @param invoiceId the invoice the credit was applied to or overpaid, or the credited invoice;
 *     {@code null} when none
 * @param at when it moved, by the billing clock
 */
public record CreditEntry(CompanyId companyId, long sequence, MonetaryAmount amount, MonetaryAmount balance,
        Kind kind, CreditNoteId creditNoteId, InvoiceId invoiceId, Instant at) {

    /** Why a balance moved. */
    public enum Kind {
        /** A credit note put its amount on the balance (credited invoice and credit note named). */
        CREDITED,
        /** Credit was applied to an invoice at its issue, before it was charged (a negative amount). */
        APPLIED,
        /** A refund failed at the provider: what it would have given back stays with the customer here. */
        REFUND_FAILED,
        /** A payment took more than its invoice's amount due (the invoice named); the excess is credit. */
        OVERPAYMENT
    }

    /**
     * Checks the entry.
     *
     * @param companyId not {@code null}
     * @param sequence 1 or more
     * @param amount not zero; negative only for {@code APPLIED}, which is never positive
     * @param balance zero or more, in {@code amount}'s currency
     * @param kind not {@code null}
     * @param creditNoteId required for {@code CREDITED} and {@code REFUND_FAILED}
     * @param invoiceId required for {@code APPLIED} and {@code OVERPAYMENT}
     * @param at not {@code null}
     * @throws IllegalArgumentException if an invariant does not hold
     * @throws NullPointerException if a required component is {@code null}
     */
    public CreditEntry {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (sequence < 1) {
            throw new IllegalArgumentException("a credit entry's sequence starts at 1");
        }
        if (!balance.getCurrency().equals(amount.getCurrency())) {
            throw new IllegalArgumentException("a credit entry's amount and balance are in one currency");
        }
        if (balance.isNegative()) {
            throw new IllegalArgumentException("a credit balance never goes below zero");
        }
        if (amount.isZero() || amount.isNegative() != (kind == Kind.APPLIED)) {
            throw new IllegalArgumentException("a credit entry's amount is below zero when it is applied, "
                    + "above zero otherwise");
        }
        if ((kind == Kind.CREDITED || kind == Kind.REFUND_FAILED) && creditNoteId == null) {
            throw new IllegalArgumentException("a credit entry of kind " + kind + " names its credit note");
        }
        if ((kind == Kind.APPLIED || kind == Kind.OVERPAYMENT) && invoiceId == null) {
            throw new IllegalArgumentException("a credit entry of kind " + kind + " names its invoice");
        }
    }

    /**
     * The entry that follows {@code latest} (or the first one) with {@code amount}.
     *
     * @param latest the company's latest entry in {@code amount}'s currency, or empty for none
     * @param companyId the company
     * @param amount what moves, not zero
     * @param kind why
     * @param creditNoteId the credit note, or {@code null}
     * @param invoiceId the invoice, or {@code null}
     * @param at when
     * @return the entry with the next sequence and the balance after it
     * @throws IllegalArgumentException if {@code latest} is of another company or currency, or the
     *     balance would go below zero
     */
    public static CreditEntry after(Optional<CreditEntry> latest, CompanyId companyId, MonetaryAmount amount,
            Kind kind, CreditNoteId creditNoteId, InvoiceId invoiceId, Instant at) {
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(amount, "amount");
        if (latest.isPresent() && (!latest.get().companyId().equals(companyId)
                || !latest.get().currency().equals(amount.getCurrency()))) {
            throw new IllegalArgumentException("an entry follows an entry of its own company and currency");
        }
        long sequence = latest.map(CreditEntry::sequence).orElse(0L) + 1;
        MonetaryAmount balance = latest.map(entry -> entry.balance().add(amount)).orElse(amount);
        return new CreditEntry(companyId, sequence, amount, balance, kind, creditNoteId, invoiceId, at);
    }

    /** {@return the currency of the balance} */
    public CurrencyUnit currency() {
        return amount.getCurrency();
    }
}
