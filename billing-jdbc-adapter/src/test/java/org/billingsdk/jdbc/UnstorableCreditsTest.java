package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aCreditNote;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the schema cannot keep as it is, an amount with more decimals than its column or a memo
 * longer than its column, is refused with a {@link StorageException} naming the operation before
 * anything is written, rather than rounded or cut: the caller's transaction goes on without any of
 * it, also when the refused entry comes after the first hundred of a batch.
 */
class UnstorableCreditsTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void anEntryWithMoreDecimalsThanTheSchemaKeepsIsRefusedBeforeAnyOfTheBatchIsWritten(String database) {
        JdbcStorage storage = JdbcStorage.forDataSource(TestDatabases.named(database));
        Company company = storage.companies().insert(aCompany("Acme"));
        List<CreditEntry> entries = new ArrayList<>();
        Optional<CreditEntry> latest = Optional.empty();
        for (int i = 0; i < 150; i++) {
            CreditEntry entry = CreditEntry.after(latest, company.id(), eur(i == 120 ? "0.00000000001" : "1.00"),
                    CreditEntry.Kind.CREDITED, CreditNoteId.random(), null, NOW.plus(MICROSECOND.multipliedBy(i)));
            entries.add(entry);
            latest = Optional.of(entry);
        }

        storage.inTransaction(() -> {
            assertThatExceptionOfType(StorageException.class)
                    .isThrownBy(() -> storage.creditLedger().appendAll(entries))
                    .withMessageContaining("at most 10 decimals")
                    .satisfies(refused -> assertThat(refused.operation()).isEqualTo("creditLedger.appendAll"));
            assertThat(storage.creditLedger().findByCompany(company.id(), Monetary.getCurrency("EUR"), 0, 200))
                    .isEmpty();
            storage.creditLedger().appendAll(entries.subList(0, 1));
            return null;
        });

        assertThat(storage.creditLedger().latestOf(List.of(company.id()))).extracting(CreditEntry::sequence)
                .containsExactly(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aMemoLongerThanItsColumnIsRefusedRatherThanCut(String database) {
        JdbcStorage storage = JdbcStorage.forDataSource(TestDatabases.named(database));
        Company company = storage.companies().insert(aCompany("Acme"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        CreditNote note = aCreditNote(storage.invoices().insert(anInvoice(company,
                storage.subscriptions().insert(aSubscription(company, plan, NOW)), NOW)), NOW);
        CreditNote longMemo = new CreditNote(note.id(), note.number(), note.companyId(), note.invoiceId(),
                note.invoiceNumber(), note.seller(), note.buyer(), note.lines(), note.subtotal(), note.taxTotal(),
                note.total(), note.reason(), "x".repeat(501), note.destination(), note.issuedAt());

        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> storage.creditNotes().insert(longMemo))
                .withMessageContaining("500 characters")
                .satisfies(refused -> assertThat(refused.operation()).isEqualTo("creditNotes.insert"));
        assertThat(storage.creditNotes().findById(note.id())).isEmpty();
        CreditNote fullMemo = new CreditNote(note.id(), note.number(), note.companyId(), note.invoiceId(),
                note.invoiceNumber(), note.seller(), note.buyer(), note.lines(), note.subtotal(), note.taxTotal(),
                note.total(), note.reason(), "ü".repeat(500), note.destination(), note.issuedAt());
        storage.creditNotes().insert(fullMemo);
        assertThat(storage.creditNotes().findById(note.id()).orElseThrow().memo()).isEqualTo("ü".repeat(500));
    }
}
