package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditEntry.Kind;
import org.billingsdk.core.credit.CreditEntry;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.CreditLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CreditLedger}: entries round-trip with every field (the amount's and the
 * balance's currency and exact value, in currencies with 2 and 0 decimals, the credit note and
 * invoice named or {@code null}, the instant to the microsecond); a company's sequence in a
 * currency is taken once, also by two transactions at once; {@code latestOf} answers each
 * company's latest entry per currency; {@code findByCompany} pages newest first; a rolled-back
 * transaction keeps none of its entries. Run it with one subclass per storage, as the other suites.
 */
public abstract class CreditLedgerContract extends StorageContract {

    private Company company;
    private Company other;

    @BeforeEach
    public final void insertCompanies() {
        company = storage.companies().insert(aCompany("Acme"));
        other = storage.companies().insert(aCompany("Other"));
    }

    private CreditLedger ledger() {
        return storage.creditLedger();
    }

    private CreditEntry credited(Optional<CreditEntry> latest, Company owner, MonetaryAmount amount) {
        return CreditEntry.after(latest, owner.id(), amount, Kind.CREDITED, CreditNoteId.random(), InvoiceId.random(),
                NOW.plus(MICROSECOND));
    }

    @Test
    public void entriesOfEveryKindRoundTripAndTheLatestIsTheBalance() {
        CreditEntry first = credited(Optional.empty(), company, eur("100.00"));
        CreditEntry applied = CreditEntry.after(Optional.of(first), company.id(), eur("-59.29"), Kind.APPLIED, null,
                InvoiceId.random(), NOW.plus(MICROSECOND.multipliedBy(2)));
        CreditEntry overpaid = CreditEntry.after(Optional.of(applied), company.id(), eur("0.01"), Kind.OVERPAYMENT,
                null, InvoiceId.random(), NOW.plus(MICROSECOND.multipliedBy(3)));
        CreditEntry refundFailed = CreditEntry.after(Optional.of(overpaid), company.id(), eur("12.10"),
                Kind.REFUND_FAILED, CreditNoteId.random(), null, NOW.plus(MICROSECOND.multipliedBy(4)));

        ledger().appendAll(List.of(first, applied, overpaid, refundFailed));

        assertSameEntries(ledger().findByCompany(company.id(), Monetary.getCurrency("EUR"), 0, 10),
                List.of(refundFailed, overpaid, applied, first));
        assertSameEntries(ledger().latestOf(List.of(company.id())), List.of(refundFailed));
        assertThat(refundFailed.balance()).isEqualTo(eur("52.82"));
    }

    @Test
    public void eachCurrencyIsABalanceOfItsOwn() {
        CreditEntry euros = credited(Optional.empty(), company, eur("10.00"));
        CreditEntry yen = credited(Optional.empty(), company, money("1500", "JPY"));
        CreditEntry moreYen = credited(Optional.of(yen), company, money("1", "JPY"));
        CreditEntry others = credited(Optional.empty(), other, eur("5.00"));

        ledger().appendAll(List.of(euros, yen, moreYen, others));

        assertSameEntries(ledger().latestOf(List.of(company.id(), company.id())), List.of(euros, moreYen));
        assertSameEntries(ledger().latestOf(List.of(company.id(), other.id())), List.of(euros, moreYen, others));
        assertThat(ledger().latestOf(List.of())).isEmpty();
        assertThat(ledger().latestOf(List.of(aCompany().id()))).isEmpty();
        assertThat(moreYen.balance()).isEqualTo(money("1501", "JPY"));
    }

    @Test
    public void aCompanysEntriesPageNewestFirst() {
        List<CreditEntry> entries = new ArrayList<>();
        Optional<CreditEntry> latest = Optional.empty();
        for (int i = 0; i < 7; i++) {
            CreditEntry entry = credited(latest, company, eur("1.0" + i));
            entries.add(entry);
            latest = Optional.of(entry);
        }
        ledger().appendAll(entries);
        ledger().appendAll(List.of(credited(Optional.empty(), other, eur("9.00"))));

        List<CreditEntry> paged = new ArrayList<>();
        long before = 0;
        for (int page = 0; page < 10; page++) {
            List<CreditEntry> found = ledger().findByCompany(company.id(), Monetary.getCurrency("EUR"), before, 3);
            paged.addAll(found);
            if (found.size() < 3) {
                break;
            }
            before = found.get(found.size() - 1).sequence();
        }

        assertThat(paged).extracting(CreditEntry::sequence).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(ledger().findByCompany(company.id(), Monetary.getCurrency("JPY"), 0, 10)).isEmpty();
    }

    @Test
    public void aSequenceIsTakenOnce() {
        CreditEntry first = credited(Optional.empty(), company, eur("10.00"));
        ledger().appendAll(List.of(first));

        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> ledger().appendAll(List.of(credited(Optional.empty(), company, eur("99.00")))));
        assertSameEntries(ledger().latestOf(List.of(company.id())), List.of(first));
    }

    @Test
    public void twoTransactionsAppendingAfterTheSameEntryCannotBothCommit() throws Exception {
        ledger().appendAll(List.of(credited(Optional.empty(), company, eur("10.00"))));
        CountDownLatch bothRead = new CountDownLatch(2);
        List<CompletableFuture<Long>> racers = new ArrayList<>();
        for (String amount : List.of("1.00", "2.00")) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                long[] read = new long[1];
                try {
                    storage.inTransaction(() -> {
                        CreditEntry latest = ledger().latestOf(List.of(company.id())).get(0);
                        read[0] = latest.sequence();
                        bothRead.countDown();
                        await(bothRead);
                        ledger().appendAll(List.of(credited(Optional.of(latest), company, eur(amount))));
                        return null;
                    });
                    return read[0];
                } catch (DuplicateKeyException | ConcurrentUpdateException lost) {
                    return -read[0];
                }
            }));
        }

        List<Long> outcomes = new ArrayList<>();
        for (CompletableFuture<Long> racer : racers) {
            outcomes.add(racer.get(30, TimeUnit.SECONDS));
        }

        // A storage that ran them one after the other let the second read the first's entry; one
        // that ran them at once kept one of the two.
        boolean sameRead = Math.abs(outcomes.get(0)) == Math.abs(outcomes.get(1));
        assertThat(outcomes.stream().filter(read -> read > 0).count()).isEqualTo(sameRead ? 1 : 2);
        List<CreditEntry> kept = ledger().findByCompany(company.id(), Monetary.getCurrency("EUR"), 0, 10);
        assertThat(kept).extracting(CreditEntry::sequence).containsExactly(sameRead ? new Long[] {2L, 1L}
                : new Long[] {3L, 2L, 1L});
        BigDecimal sum = kept.stream().map(entry -> entry.amount().getNumber().numberValue(BigDecimal.class))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(kept.get(0).balance().getNumber().numberValue(BigDecimal.class)).isEqualByComparingTo(sum);
    }

    @Test
    public void aRolledBackTransactionKeepsNoEntry() {
        CreditEntry first = credited(Optional.empty(), company, eur("10.00"));
        CreditEntry second = credited(Optional.of(first), company, eur("5.00"));

        try {
            storage.inTransaction(() -> {
                ledger().appendAll(List.of(first, second));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(ledger().latestOf(List.of(company.id()))).isEmpty();
        ledger().appendAll(List.of(first));
        assertSameEntries(ledger().latestOf(List.of(company.id())), List.of(first));
    }

    /** Waits for the latch; in-memory storage runs transactions one at a time, so it may not open. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertSameEntries(List<CreditEntry> actual, List<CreditEntry> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (CreditEntry want : expected) {
            assertThat(actual).as("entry %s of %s in %s", want.sequence(), want.companyId(), want.currency())
                    .anySatisfy(got -> {
                        assertThat(got.companyId()).isEqualTo(want.companyId());
                        assertThat(got.sequence()).isEqualTo(want.sequence());
                        assertSameAmount(got.amount(), want.amount());
                        assertSameAmount(got.balance(), want.balance());
                        assertThat(got.kind()).isEqualTo(want.kind());
                        assertThat(got.creditNoteId()).isEqualTo(want.creditNoteId());
                        assertThat(got.invoiceId()).isEqualTo(want.invoiceId());
                        assertThat(got.at()).isEqualTo(want.at());
                    });
        }
        for (int i = 0; i < expected.size() && actual.size() == expected.size(); i++) {
            if (expected.stream().map(CreditEntry::companyId).distinct().count() == 1
                    && expected.stream().map(CreditEntry::currency).distinct().count() == 1) {
                assertThat(actual.get(i).sequence()).as("order").isEqualTo(expected.get(i).sequence());
            }
        }
    }

    private static void assertSameAmount(MonetaryAmount actual, MonetaryAmount expected) {
        assertThat(actual.getCurrency()).isEqualTo(expected.getCurrency());
        assertThat(actual.getNumber().numberValue(BigDecimal.class))
                .isEqualByComparingTo(expected.getNumber().numberValue(BigDecimal.class));
    }
}
