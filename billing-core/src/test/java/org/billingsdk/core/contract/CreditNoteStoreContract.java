package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aBuyer;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aCreditNote;
import static org.billingsdk.core.contract.ContractData.aLine;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSeller;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.aTestInvoiceNumber;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.money.MonetaryAmount;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.credit.CreditRequest;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.CreditNoteStore.Cursor;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link CreditNoteStore}: credit notes round-trip with every field (lines with
 * their invoice line, description, amount and VAT treatment, country, rate and note; seller and
 * buyer; the reason, the memo verbatim, the destination; amounts in currencies with 2 and 0
 * decimals; instants to the microsecond); an id or a number is taken once; an invoice's credit
 * notes come oldest first; the companies' credit notes come newest first (issue time, number
 * sequence, id, each descending) and paging with a {@link Cursor} finds each exactly once, also
 * among credit notes issued at the same instant; a rolled-back transaction keeps none. Run it
 * with one subclass per storage, as the other suites.
 */
public abstract class CreditNoteStoreContract extends StorageContract {

    private static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(CreditNoteStoreContract::compareAmounts, MonetaryAmount.class)
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .build();

    private Company company;
    private Company other;
    private Subscription ofCompany;
    private Subscription secondOfCompany;
    private Subscription ofOther;
    private Plan yenPlan;
    private int periods;

    @BeforeEach
    public final void insertCompaniesAndSubscriptions() {
        company = storage.companies().insert(aCompany("Acme"));
        other = storage.companies().insert(aCompany("Other"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        yenPlan = aPlan(product, "edr-monthly-jpy", money("1500", "JPY"));
        storage.catalog().insertPlan(plan);
        storage.catalog().insertPlan(yenPlan);
        ofCompany = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(Duration.ofDays(400))));
        secondOfCompany = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(Duration.ofDays(400))));
        ofOther = storage.subscriptions().insert(aSubscription(other, plan, NOW.minus(Duration.ofDays(400))));
    }

    private CreditNoteStore notes() {
        return storage.creditNotes();
    }

    /** A stored invoice of {@code company} for a period no other invoice of the test bills. */
    private Invoice anInvoiceOf(Company owner) {
        Subscription subscription = owner.equals(company) ? ofCompany : ofOther;
        return storage.invoices().insert(anInvoice(owner, subscription, NOW.plus(Duration.ofDays(31L * periods++))));
    }

    @Test
    public void aCreditNoteWithEveryFieldRoundTrips() {
        TaxLine finnish = new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("FI"), new BigDecimal("25.5"),
                eur("12.50"), "Arvonlisävero 25,5 % – VAT at the rate of Finland, the customer's member state");
        Invoice invoice = storage.invoices().insert(Invoice.draftOf(InvoiceId.random(), company.id(), aSeller(),
                        aBuyer(company), List.of(aLine(ofCompany, NOW, eur("49.00"), finnish),
                                aLine(secondOfCompany, NOW, eur("19.99"))))
                .finalized(aTestInvoiceNumber(), NOW, NOW.plus(Duration.ofDays(14))).paid(NOW));
        CreditNote note = aCreditNote(invoice, CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY,
                        CreditDestination.BALANCE, CreditRequest.Line.of(0, eur("10.01")),
                        CreditRequest.Line.remainderOf(1))
                .withMemo("Outage of 3 days.\nO'Brien & \"Partners\"; DROP TABLE x; --"), NOW.plus(MICROSECOND));
        assertThat(note).hasNoNullFieldsOrProperties();
        assertThat(note.lines()).hasSize(2);

        CreditNote stored = notes().insert(note);

        assertSame(stored, note);
        assertSame(notes().findById(note.id()).orElseThrow(), note);
    }

    @Test
    public void aCreditNoteInAZeroDecimalCurrencyWithoutMemoRoundTrips() {
        Subscription yen = storage.subscriptions().insert(aSubscription(company, yenPlan,
                NOW.minus(Duration.ofDays(400))));
        TaxLine dutch = new TaxLine(VatTreatment.DOMESTIC, CountryCode.of("NL"), new BigDecimal("21"),
                money("315", "JPY"), "");
        Invoice invoice = storage.invoices().insert(Invoice.draftOf(InvoiceId.random(), company.id(), aSeller(),
                        aBuyer(company), List.of(aLine(yen, NOW, money("1500", "JPY"), dutch)))
                .finalized(aTestInvoiceNumber(), NOW, NOW.plus(Duration.ofDays(14))));
        CreditNote note = aCreditNote(invoice, CreditRequest.of(CreditReason.DUPLICATE, CreditDestination.AMOUNT_DUE,
                CreditRequest.Line.of(0, money("1000", "JPY"))), NOW);

        notes().insert(note);

        assertSame(notes().findById(note.id()).orElseThrow(), note);
        assertThat(notes().findById(note.id()).orElseThrow().memo()).isNull();
    }

    @ParameterizedTest
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void aMemoIsKeptVerbatim(String memo) {
        Invoice invoice = anInvoiceOf(company);
        CreditNote note = aCreditNote(invoice, CreditRequest.wholeInvoice(invoice, CreditReason.ORDER_CHANGE,
                CreditDestination.AMOUNT_DUE).withMemo(memo), NOW);

        notes().insert(note);

        assertThat(notes().findById(note.id()).orElseThrow().memo()).isEqualTo(memo);
    }

    @Test
    public void anUnknownCreditNoteIsNotFound() {
        notes().insert(aCreditNote(anInvoiceOf(company), NOW));

        assertThat(notes().findById(CreditNoteId.random())).isEmpty();
    }

    @Test
    public void anIdIsTakenOnce() {
        Invoice invoice = anInvoiceOf(company);
        CreditNote first = notes().insert(aCreditNote(invoice, NOW));
        CreditNote sameId = copy(aCreditNote(invoice, NOW.plus(MICROSECOND)), first.id(), null);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> notes().insert(sameId));
        assertSame(notes().findById(first.id()).orElseThrow(), first);
        assertThat(notes().findByInvoice(invoice.id())).hasSize(1);
    }

    @Test
    public void aNumberIsTakenOnce() {
        Invoice invoice = anInvoiceOf(company);
        CreditNote first = notes().insert(aCreditNote(invoice, NOW));
        CreditNote sameNumber = copy(aCreditNote(anInvoiceOf(company), NOW), null, first.number());

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> notes().insert(sameNumber));
        assertThat(notes().findById(sameNumber.id())).isEmpty();
    }

    @Test
    public void anInvoicesCreditNotesComeOldestFirstAndNoOtherInvoicesOnes() {
        Invoice invoice = anInvoiceOf(company);
        CreditNote later = aCreditNote(invoice, CreditRequest.of(CreditReason.ORDER_CHANGE,
                CreditDestination.AMOUNT_DUE, CreditRequest.Line.of(0, eur("1.00"))), NOW.plus(MICROSECOND));
        CreditNote earlier = aCreditNote(invoice, CreditRequest.of(CreditReason.ORDER_CHANGE,
                CreditDestination.AMOUNT_DUE, CreditRequest.Line.of(0, eur("2.00"))), NOW);
        notes().insert(later);
        notes().insert(earlier);
        notes().insert(aCreditNote(anInvoiceOf(company), NOW));

        assertThat(notes().findByInvoice(invoice.id())).extracting(CreditNote::id)
                .containsExactly(earlier.id(), later.id());
        assertThat(notes().findByInvoice(InvoiceId.random())).isEmpty();
    }

    @Test
    public void theCompaniesCreditNotesComeNewestFirstAndPagingFindsEachOnce() {
        List<CreditNote> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Three at one instant: the order then goes by number, then id.
            Instant at = i < 3 ? NOW : NOW.plus(MICROSECOND.multipliedBy(i));
            all.add(notes().insert(aCreditNote(anInvoiceOf(company), at)));
        }
        notes().insert(aCreditNote(anInvoiceOf(other), NOW));
        List<CreditNote> expected = all.stream().sorted(Comparator.comparing(CreditNote::issuedAt)
                .thenComparingLong(note -> note.number().sequence()).thenComparing(CreditNote::id).reversed()).toList();

        List<CreditNote> paged = new ArrayList<>();
        Cursor after = null;
        for (int page = 0; page < 10; page++) {
            List<CreditNote> found = notes().findByCompanies(List.of(company.id(), company.id()), after, 3);
            paged.addAll(found);
            if (found.size() < 3) {
                break;
            }
            after = Cursor.after(found.get(found.size() - 1));
        }

        assertThat(paged).extracting(CreditNote::id).containsExactlyElementsOf(expected.stream().map(CreditNote::id)
                .toList());
        assertThat(notes().findByCompanies(List.of(), null, 10)).isEmpty();
        assertThat(notes().findByCompanies(List.of(company.id(), other.id()), null, 100)).hasSize(8);
    }

    @Test
    public void findInScopeFindsTheScopesCreditNotesAsFindByCompaniesFindsThoseOfItsCompaniesPageByPage() {
        Company child = storage.companies().insert(aChildOf(company, "Acme Child"));
        Company grandchild = storage.companies().insert(aChildOf(child, "Grandchild"));
        Company otherChild = storage.companies().insert(aChildOf(other, "Other Child"));
        List<Company> owners = List.of(company, child, grandchild, other, otherChild);
        for (int i = 0; i < 10; i++) {
            notes().insert(aCreditNote(anInvoiceOf(owners.get(i % owners.size())),
                    i < 5 ? NOW : NOW.plus(MICROSECOND.multipliedBy(i))));
        }
        for (Company top : owners) {
            for (Scope scope : Scope.values()) {
                CompanyScope covered = CompanyScope.of(top.id(), scope, storage.companies());
                List<CreditNote> expected = notes().findByCompanies(covered.companyIds(), null, 100);
                List<CreditNote> paged = new ArrayList<>();
                Cursor after = null;
                while (true) {
                    List<CreditNote> page = notes().findInScope(covered, after, 2);
                    paged.addAll(page);
                    if (page.size() < 2) {
                        break;
                    }
                    after = Cursor.after(page.get(page.size() - 1));
                }

                assertThat(paged).extracting(CreditNote::id).as("%s %s", top.name(), scope)
                        .containsExactlyElementsOf(expected.stream().map(CreditNote::id).toList());
            }
        }
        assertThat(notes().findInScope(CompanyScope.of(company.id(), Scope.WITH_DESCENDANTS, storage.companies()),
                null, 100)).hasSize(6);
        assertThat(notes().findInScope(CompanyScope.of(child.id(), Scope.WITH_DESCENDANTS, storage.companies()),
                null, 100)).extracting(CreditNote::companyId).containsOnly(child.id(), grandchild.id()).hasSize(4);
    }

    @Test
    public void aRolledBackTransactionKeepsNoCreditNote() {
        CreditNote note = aCreditNote(anInvoiceOf(company), NOW);

        try {
            storage.inTransaction(() -> {
                notes().insert(note);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(notes().findById(note.id())).isEmpty();
        notes().insert(note);
        assertThat(notes().findById(note.id())).isPresent();
    }

    private static CreditNote copy(CreditNote note, CreditNoteId id, InvoiceNumber number) {
        return new CreditNote(id == null ? note.id() : id, number == null ? note.number() : number, note.companyId(),
                note.invoiceId(), note.invoiceNumber(), note.seller(), note.buyer(), note.lines(), note.subtotal(),
                note.taxTotal(), note.total(), note.reason(), note.memo(), note.destination(), note.issuedAt());
    }

    private static void assertSame(CreditNote actual, CreditNote expected) {
        assertThat(actual).as("credit note %s", expected.id()).usingRecursiveComparison(BY_VALUE).isEqualTo(expected);
    }

    private static int compareAmounts(MonetaryAmount a, MonetaryAmount b) {
        int byCurrency = a.getCurrency().getCurrencyCode().compareTo(b.getCurrency().getCurrencyCode());
        return byCurrency != 0 ? byCurrency
                : a.getNumber().numberValue(BigDecimal.class).compareTo(b.getNumber().numberValue(BigDecimal.class));
    }
}
