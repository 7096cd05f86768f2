package org.billingsdk.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.event.CreditBalanceChanged;
import org.billingsdk.core.invoice.InvoiceId;

/**
 * Moves credit balances inside the caller's transaction: reads the companies' latest entries at
 * once, appends the entries that follow them, and records a {@link CreditBalanceChanged} for each.
 * Two transactions that append after the same entry cannot both commit: the storage refuses the
 * second's sequence, which is a lost race the caller's write runs again. Thread-safe.
 */
final class Ledger {

    /** A company's balance in one currency. */
    record Account(CompanyId company, CurrencyUnit currency) {
    }

    /** One move of a balance: above zero credits it, below zero applies it. */
    record Movement(CompanyId company, MonetaryAmount amount, CreditEntry.Kind kind, CreditNoteId creditNote,
            InvoiceId invoice) {
    }

    private final Context context;

    Ledger(Context context) {
        this.context = context;
    }

    /** The latest entry of each account of these companies, read at once. */
    Map<Account, CreditEntry> latest(Collection<CompanyId> companies) {
        Map<Account, CreditEntry> latest = new HashMap<>();
        if (companies.isEmpty()) {
            return latest;
        }
        for (CreditEntry entry : context.storage().creditLedger().latestOf(companies)) {
            latest.put(new Account(entry.companyId(), entry.currency()), entry);
        }
        return latest;
    }

    /** The balance of an account, zero when it has no entry. */
    static MonetaryAmount balance(Map<Account, CreditEntry> latest, CompanyId company, MonetaryAmount zero) {
        CreditEntry entry = latest.get(new Account(company, zero.getCurrency()));
        return entry == null ? zero.multiply(0) : entry.balance();
    }

    /**
     * The entries for {@code movements}, in their order, each after the one before it in its account;
     * {@code latest} is advanced past them. Nothing is written.
     */
    static List<CreditEntry> entries(List<Movement> movements, Map<Account, CreditEntry> latest,
            java.time.Instant at) {
        List<CreditEntry> entries = new ArrayList<>(movements.size());
        for (Movement movement : movements) {
            Account account = new Account(movement.company(), movement.amount().getCurrency());
            CreditEntry entry = CreditEntry.after(Optional.ofNullable(latest.get(account)), movement.company(),
                    movement.amount(), movement.kind(), movement.creditNote(), movement.invoice(), at);
            latest.put(account, entry);
            entries.add(entry);
        }
        return entries;
    }

    /** Appends the entries; a sequence another transaction took first is a lost race. */
    void append(List<CreditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            context.storage().creditLedger().appendAll(entries);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentUpdateException("creditLedger.appendAll", e);
        }
    }

    /** Reads the accounts, appends the movements after their latest entries, and records their events. */
    List<CreditEntry> move(List<Movement> movements, Changes changes) {
        if (movements.isEmpty()) {
            return List.of();
        }
        Map<Account, CreditEntry> latest = latest(movements.stream().map(Movement::company).distinct().toList());
        List<CreditEntry> entries = entries(movements, latest, changes.now());
        append(entries);
        entries.forEach(entry -> record(entry, changes));
        return entries;
    }

    /** Records the event of an appended entry. */
    static void record(CreditEntry entry, Changes changes) {
        changes.record(new CreditBalanceChanged(changes.newId(), entry.at(), entry.companyId(), entry.amount(),
                entry.balance(), entry.kind(), entry.creditNoteId(), entry.invoiceId()));
    }
}
