package org.billingsdk.core.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.port.CreditNoteStore;

final class InMemoryCreditNoteStore implements CreditNoteStore {

    private static final Comparator<CreditNote> OLDEST_FIRST = Comparator.comparing(CreditNote::issuedAt)
            .thenComparingLong(note -> note.number().sequence())
            .thenComparing(CreditNote::id);

    private final InMemoryStorage storage;
    private final Map<CreditNoteId, CreditNote> byId = new ConcurrentHashMap<>();
    private final Set<InvoiceNumber> numbers = ConcurrentHashMap.newKeySet();

    InMemoryCreditNoteStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public CreditNote insert(CreditNote creditNote) {
        return storage.write(() -> {
            if (byId.containsKey(creditNote.id())) {
                throw new DuplicateKeyException(EntityKind.CREDIT_NOTE, creditNote.id());
            }
            if (numbers.contains(creditNote.number())) {
                throw new DuplicateKeyException(EntityKind.CREDIT_NOTE_NUMBER, creditNote.number());
            }
            byId.put(creditNote.id(), creditNote);
            numbers.add(creditNote.number());
            return creditNote;
        }, stored -> {
            byId.remove(stored.id());
            numbers.remove(stored.number());
        });
    }

    @Override
    public Optional<CreditNote> findById(CreditNoteId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<CreditNote> findByInvoice(InvoiceId invoiceId) {
        return byId.values().stream().filter(note -> note.invoiceId().equals(invoiceId)).sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public List<CreditNote> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
        Set<CompanyId> companies = Set.copyOf(companyIds);
        return byId.values().stream()
                .filter(note -> companies.contains(note.companyId()))
                .filter(note -> after == null || after.precedes(note))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .toList();
    }
}
