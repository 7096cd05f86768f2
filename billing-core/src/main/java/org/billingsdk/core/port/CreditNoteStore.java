package org.billingsdk.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * Keeps credit notes. A credit note is stored complete and never changes. Amounts come back with
 * their currency and exact value (not necessarily their scale or {@code MonetaryAmount} class),
 * instants to the microsecond, lines in their order. Thread-safe.
 */
public interface CreditNoteStore {

    /**
     * Stores a new credit note. The SDK calls it in the transaction that took the credit note's
     * number, so a refusal rolls the number back with it.
     *
     * @param creditNote the credit note, numbered, with its lines
     * @return the credit note as stored
     * @throws org.billingsdk.core.DuplicateKeyException if its id or its number (series and
     *     sequence) is taken; nothing is stored
     */
    CreditNote insert(CreditNote creditNote);

    /**
     * Finds a credit note.
     *
     * @param id its id
     * @return the credit note with every field, or empty when there is none
     */
    Optional<CreditNote> findById(CreditNoteId id);

    /**
     * The credit notes of one invoice, oldest first (by issue time, then by the number's sequence).
     *
     * @param invoiceId the credited invoice
     * @return its credit notes; an empty list when it has none
     */
    List<CreditNote> findByInvoice(InvoiceId invoiceId);

    /**
     * A page of the given companies' credit notes, newest first, in the order and with the cursor
     * {@link InvoiceStore#findByCompanies} uses for invoices (issue time, then the number's
     * sequence, then id, each descending; the cursor's id is compared as a credit note id's text
     * form).
     *
     * @param companyIds the companies whose credit notes to list; a company given twice counts once,
     *     and an empty collection finds nothing
     * @param after where the previous page ended, or {@code null} for the first page
     * @param limit the most credit notes to answer
     * @return the credit notes of the page; fewer than {@code limit} at the end
     */
    List<CreditNote> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit);

    /**
     * A page of the credit notes of a scope's companies, in the order and with the cursor of
     * {@link #findByCompanies}, read as {@link InvoiceStore#findInScope} reads invoices; the
     * default reads the whole subtree and asks {@link #findByCompanies}.
     *
     * @param scope the companies whose credit notes to list
     * @param after where the previous page ended, or {@code null} for the first page
     * @param limit the most credit notes to answer
     * @return the credit notes of the page; fewer than {@code limit} at the end
     */
    default List<CreditNote> findInScope(CompanyScope scope, Cursor after, int limit) {
        return findByCompanies(scope.companyIds(), after, limit);
    }

    /**
     * A position in the newest-first order: the issue time, number sequence and id of the last
     * credit note seen.
     *
     * @param issuedAt when it was issued, as this store answered it; not null
     * @param sequence the sequence of its number, 1 or more
     * @param id its id; not null
     */
    record Cursor(Instant issuedAt, long sequence, CreditNoteId id) {

        /**
         * Checks the position.
         *
         * @param issuedAt not null
         * @param sequence 1 or more
         * @param id not null
         * @throws NullPointerException if {@code issuedAt} or {@code id} is null
         * @throws IllegalArgumentException if {@code sequence} is below 1
         */
        public Cursor {
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(id, "id");
            if (sequence < 1) {
                throw new IllegalArgumentException("a credit note sequence starts at 1");
            }
        }

        /**
         * The position right after {@code last}.
         *
         * @param last a stored credit note
         * @return its position
         */
        public static Cursor after(CreditNote last) {
            return new Cursor(last.issuedAt(), last.number().sequence(), last.id());
        }

        /**
         * Whether {@code note} comes after this position in the newest-first order.
         *
         * @param note a stored credit note; not null
         * @return true if a page starting here holds it
         */
        public boolean precedes(CreditNote note) {
            int byTime = note.issuedAt().compareTo(issuedAt);
            if (byTime != 0) {
                return byTime < 0;
            }
            int bySequence = Long.compare(note.number().sequence(), sequence);
            return bySequence != 0 ? bySequence < 0 : note.id().compareTo(id) < 0;
        }
    }
}
