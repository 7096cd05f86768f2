package org.billingsdk.core.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.CurrencyUnit;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.port.CreditLedger;

final class InMemoryCreditLedger implements CreditLedger {

    private record Account(CompanyId company, CurrencyUnit currency) {
    }

    private final InMemoryStorage storage;
    /** Each account's entries in sequence order: entry {@code n} at index {@code n - 1}. */
    private final Map<Account, List<CreditEntry>> accounts = new ConcurrentHashMap<>();

    InMemoryCreditLedger(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void appendAll(List<CreditEntry> entries) {
        for (CreditEntry entry : List.copyOf(entries)) {
            storage.write(() -> {
                List<CreditEntry> kept = accounts.computeIfAbsent(new Account(entry.companyId(), entry.currency()),
                        account -> new ArrayList<>());
                synchronized (kept) {
                    if (entry.sequence() != kept.size() + 1) {
                        throw new DuplicateKeyException(EntityKind.CREDIT_ENTRY, entry.sequence() + " of company "
                                + entry.companyId() + " in " + entry.currency());
                    }
                    kept.add(entry);
                }
                return entry;
            }, appended -> {
                List<CreditEntry> kept = accounts.get(new Account(appended.companyId(), appended.currency()));
                synchronized (kept) {
                    kept.remove(kept.size() - 1);
                }
            });
        }
    }

    @Override
    public List<CreditEntry> latestOf(Collection<CompanyId> companyIds) {
        Set<CompanyId> companies = Set.copyOf(companyIds);
        List<CreditEntry> latest = new ArrayList<>();
        accounts.forEach((account, entries) -> {
            if (companies.contains(account.company())) {
                synchronized (entries) {
                    if (!entries.isEmpty()) {
                        latest.add(entries.get(entries.size() - 1));
                    }
                }
            }
        });
        return latest;
    }

    @Override
    public List<CreditEntry> findByCompany(CompanyId companyId, CurrencyUnit currency, long beforeSequence,
            int limit) {
        List<CreditEntry> entries = accounts.getOrDefault(new Account(companyId, currency), List.of());
        synchronized (entries) {
            int end = beforeSequence <= 0 ? entries.size() : (int) Math.min(entries.size(), beforeSequence - 1);
            List<CreditEntry> page = new ArrayList<>();
            for (int i = end - 1; i >= 0 && page.size() < limit; i--) {
                page.add(entries.get(i));
            }
            return page;
        }
    }
}
