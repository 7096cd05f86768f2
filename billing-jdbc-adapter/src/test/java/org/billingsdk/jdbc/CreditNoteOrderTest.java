package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aCreditNote;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.invoiceIdsAtTheEdgesOfTheOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.port.CreditNoteStore.Cursor;
import org.billingsdk.core.port.CreditNoteStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Of credit notes issued at one instant with the same sequence (in different series), the
 * companies' history lists the highest id first, ids compared as their text (unsigned, as
 * {@link CreditNoteId#compareTo} does) and not as {@link UUID#compareTo} (signed); paging with a
 * cursor finds each once, also from a cursor at an id never stored.
 */
class CreditNoteOrderTest {

    private static final Comparator<CreditNote> NEWEST_FIRST = Comparator.comparing(CreditNote::issuedAt)
            .thenComparingLong(note -> note.number().sequence()).thenComparing(CreditNote::id).reversed();

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void creditNotesAtOneInstantAndSequencePageByIdAsItsTextOrders(String database) {
        JdbcStorage storage = JdbcStorage.forDataSource(TestDatabases.named(database));
        Company company = storage.companies().insert(aCompany("Acme"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        Invoice invoice = storage.invoices().insert(anInvoice(company,
                storage.subscriptions().insert(aSubscription(company, plan, NOW)), NOW));
        CreditNoteStore notes = storage.creditNotes();
        List<CreditNote> stored = new ArrayList<>();
        List<CreditNoteId> ids = invoiceIdsAtTheEdgesOfTheOrder().stream().map(id -> new CreditNoteId(id.value()))
                .toList();
        for (int i = 0; i < ids.size(); i++) {
            stored.add(notes.insert(numbered(aCreditNote(invoice, NOW), ids.get(i),
                    new InvoiceNumber("CN-EDGE" + i, 1))));
        }
        stored.add(notes.insert(numbered(aCreditNote(invoice, NOW), CreditNoteId.random(),
                new InvoiceNumber("CN-EDGE0", 2))));
        stored.add(notes.insert(numbered(aCreditNote(invoice, NOW.minus(MICROSECOND)), CreditNoteId.random(),
                new InvoiceNumber("CN-EDGE1", 2))));
        List<CreditNoteId> expected = stored.stream().sorted(NEWEST_FIRST).map(CreditNote::id).toList();

        for (int limit : new int[] {1, 2, 3, 100}) {
            assertThat(pageThrough(notes, company, limit)).as("%d a page", limit).containsExactlyElementsOf(expected);
        }
        Cursor neverStored = new Cursor(NOW, 1, CreditNoteId.of("00000000-0000-0000-7fff-fffffffffffe"));
        assertThat(notes.findByCompanies(List.of(company.id()), neverStored, 100)).extracting(CreditNote::id)
                .containsExactlyElementsOf(stored.stream().filter(neverStored::precedes).sorted(NEWEST_FIRST)
                        .map(CreditNote::id).toList())
                .hasSize(2);
    }

    private static List<CreditNoteId> pageThrough(CreditNoteStore notes, Company company, int limit) {
        List<CreditNoteId> found = new ArrayList<>();
        Cursor after = null;
        for (int page = 0; page < 20; page++) {
            List<CreditNote> notesOfPage = notes.findByCompanies(List.of(company.id()), after, limit);
            notesOfPage.forEach(note -> found.add(note.id()));
            if (notesOfPage.size() < limit) {
                break;
            }
            after = Cursor.after(notesOfPage.get(notesOfPage.size() - 1));
        }
        return found;
    }

    private static CreditNote numbered(CreditNote note, CreditNoteId id, InvoiceNumber number) {
        return new CreditNote(id, number, note.companyId(), note.invoiceId(), note.invoiceNumber(), note.seller(),
                note.buyer(), note.lines(), note.subtotal(), note.taxTotal(), note.total(), note.reason(), note.memo(),
                note.destination(), note.issuedAt());
    }
}
