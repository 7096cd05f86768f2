package org.billingsdk.core.port;

import java.util.Collection;
import java.util.List;
import javax.money.CurrencyUnit;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;

/**
 * Keeps the credit balances: each company's entries per currency, numbered 1, 2, 3, ... (see
 * {@link CreditEntry}). Entries are appended and never change. Amounts come back with their
 * currency and exact value, instants to the microsecond. Thread-safe.
 */
public interface CreditLedger {

    /**
     * Appends entries in the caller's transaction. Several may be of one company and currency, in
     * their sequence order.
     *
     * @param entries entries, each with the sequence after the company's latest in its currency (or
     *     after the entry before it in this list)
     * @throws org.billingsdk.core.DuplicateKeyException if a company's sequence in a currency is
     *     taken: another transaction appended first. Some of the others may have been written, so the
     *     caller's transaction must roll back (the SDK's always does, and runs its operation again)
     */
    void appendAll(List<CreditEntry> entries);

    /**
     * The latest entry of each given company in each currency it has: its balance.
     *
     * @param companyIds the companies; a company given twice counts once, and an empty collection
     *     finds nothing
     * @return one entry per company and currency that has entries, in no particular order
     */
    List<CreditEntry> latestOf(Collection<CompanyId> companyIds);

    /**
     * A page of a company's entries in one currency, newest first.
     *
     * @param companyId the company
     * @param currency the currency
     * @param beforeSequence only entries with a lower sequence (the last one of the previous page),
     *     or 0 for the newest first
     * @param limit the most entries to answer
     * @return the entries, in descending sequence; fewer than {@code limit} at the end
     */
    List<CreditEntry> findByCompany(CompanyId companyId, CurrencyUnit currency, long beforeSequence, int limit);
}
