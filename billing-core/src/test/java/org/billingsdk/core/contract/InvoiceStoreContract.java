package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.PAYMENT_TERMS;
import static org.billingsdk.core.contract.ContractData.aBuyer;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aDraftInvoice;
import static org.billingsdk.core.contract.ContractData.aLine;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSeller;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.aTestInvoiceNumber;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.invoiceIdsAtTheEdgesOfTheOrder;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.money.MonetaryAmount;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.billingsdk.core.Billing;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.InvoiceStore.Cursor;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link InvoiceStore}: invoices round-trip with every field (lines and their
 * service periods, seller and buyer with their addresses, the VAT line with its rate and note,
 * totals in currencies with 2 and 0 decimals, instants to the microsecond, the payment
 * bookkeeping), writes are versioned as companies' are, an id or a number (series and sequence)
 * is taken once, and no service period is ever billed twice: an invoice with a line for a
 * (subscription, period start) already billed is refused whole. The billing history
 * ({@code findByCompanies}) is newest first, by issue time and then by id descending as
 * {@link InvoiceId#compareTo} orders ids (unsigned, as PostgreSQL orders {@code uuid}), so that
 * paging with a {@link Cursor} finds each invoice exactly once, also among invoices issued at the
 * same instant; {@code findPaymentDue} finds the open invoices whose next attempt has come, by
 * id. Amounts must keep their currency and exact value, not their scale nor their
 * {@code MonetaryAmount} class; the VAT rate must keep its value, not its scale.
 * {@code findAllById} answers the stored invoices among the ids given, each once and with their
 * lines, as {@code findById} does, also for more ids than one query of a database takes;
 * {@code insertAll} and {@code updateAll} write each invoice as {@code insert} and {@code update}
 * do and, when one of them has a taken key or is stale or missing, throw as those do, after which
 * the caller's transaction rolls back with none of the batch written. Run it on an implementation
 * with:
 *
 * <pre>{@code
 * class PostgresInvoiceStoreTest extends InvoiceStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class InvoiceStoreContract extends StorageContract {

    private static final int PAGE = 3;

    /**
     * Compares invoices field by field, amounts by currency and numeric value and the VAT rate by
     * numeric value: the scale and the {@code MonetaryAmount} class a storage answers with may
     * differ.
     */
    private static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(InvoiceStoreContract::compareAmounts, MonetaryAmount.class)
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .build();

    private static final Comparator<Invoice> NEWEST_FIRST = Comparator.comparing(Invoice::issuedAt)
            .thenComparingLong(invoice -> invoice.number().sequence())
            .thenComparing(Invoice::id)
            .reversed();

    private Company company;
    private Company child;
    private Company other;
    private Plan plan;
    private Plan yenPlan;
    private Subscription ofCompany;
    private Subscription secondOfCompany;
    private Subscription ofChild;
    private Subscription ofOther;
    private int periods;

    @BeforeEach
    public final void insertCompaniesPlansAndSubscriptions() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        plan = aPlan(product);
        yenPlan = aPlan(product, "edr-monthly-jpy", money("1500", "JPY"));
        storage.catalog().insertPlan(plan);
        storage.catalog().insertPlan(yenPlan);
        ofCompany = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(days(400))));
        secondOfCompany = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(days(200))));
        ofChild = storage.subscriptions().insert(aSubscription(child, plan, NOW.minus(days(400))));
        ofOther = storage.subscriptions().insert(aSubscription(other, plan, NOW.minus(days(400))));
    }

    private InvoiceStore invoices() {
        return storage.invoices();
    }

    private Invoice insert(Invoice invoice) {
        return invoices().insert(invoice);
    }

    @Test
    public void insertStoresTheInvoiceAtVersionOneAndFindsIt() {
        Invoice invoice = anInvoice(company, ofCompany, NOW);

        Invoice stored = invoices().insert(invoice);

        assertSame(stored, invoice.withVersion(1));
        assertFound(invoice.withVersion(1));
    }

    @Test
    public void theInvoiceThatBilledAPeriodIsFoundByItsLineWhateverItsState() {
        Invoice paid = insert(anInvoiceWith(company, aLine(ofCompany, NOW, eur("49.00")),
                aLine(secondOfCompany, NOW.plus(MICROSECOND), eur("19.99"))).paid(NOW));
        Invoice later = insert(anInvoice(company, ofCompany, NOW.plus(days(31))));

        assertThat(invoices().findByBilledPeriod(secondOfCompany.id(), NOW.plus(MICROSECOND)))
                .hasValueSatisfying(found -> assertSame(found, paid.withVersion(1)));
        assertThat(invoices().findByBilledPeriod(ofCompany.id(), NOW.plus(days(31))).map(Invoice::id))
                .contains(later.id());
        assertThat(invoices().findByBilledPeriod(ofCompany.id(), NOW.plus(MICROSECOND))).isEmpty();
        assertThat(invoices().findByBilledPeriod(ofChild.id(), NOW)).isEmpty();
    }

    @Test
    public void anUnknownInvoiceIsNotFound() {
        insert(anInvoice(company, ofCompany, NOW));

        assertThat(invoices().findById(InvoiceId.random())).isEmpty();
    }

    @Test
    public void anOpenInvoiceWithEveryFieldRoundTrips() {
        Instant lastMicroOfFebruary = Instant.parse("2026-02-28T23:59:59.999999Z");
        Invoice everything = finalized(Invoice.draftOf(InvoiceId.random(), company.id(),
                        new Party("Billing SDK B.V.", EmailAddress.of("invoices@billing-sdk.example"),
                                VatNumber.of("NL853746333B01"),
                                new Address("Keizersgracht 1", "3rd floor", "1015 CC", "Amsterdam",
                                        "Noord-Holland", "NL")),
                        aBuyer(company),
                        List.of(aLine(ofCompany, lastMicroOfFebruary, eur("49.00"), finnishVat("12.50")),
                                aLine(secondOfCompany, lastMicroOfFebruary.plus(MICROSECOND), eur("19.99"),
                                        finnishVat("5.09")))),
                NOW.plus(MICROSECOND))
                .attempted(2, NOW.plus(days(3)).plus(MICROSECOND));
        assertThat(everything).hasNoNullFieldsOrPropertiesExcept("closedAt");
        assertThat(everything.buyer()).hasNoNullFieldsOrProperties();
        assertThat(everything.buyer().address()).hasNoNullFieldsOrProperties();

        Invoice stored = insert(everything);

        assertSame(stored, everything.withVersion(1));
        assertFound(everything.withVersion(1));
    }

    @Test
    public void anInvoiceOfSeveralLinesKeepsEachLinesQuantityUnitPriceAndVatAndItsCreditAndAmountDue() {
        TaxLine german = new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("DE"), new BigDecimal("19"),
                eur("3.80"), "");
        InvoiceLine threeSeats = new InvoiceLine(plan.productCode(), "Endpoint Detection & Response, 3 seats",
                ofCompany.id(), plan.id(), NOW, NOW.plus(days(31)), 3, eur("49.00"), eur("147.00"),
                new TaxLine(VatTreatment.DOMESTIC, CountryCode.of("NL"), new BigDecimal("21"), eur("30.87"), ""));
        InvoiceLine other = aLine(secondOfCompany, NOW, eur("19.99"), german);
        Invoice issued = finalized(Invoice.draftOf(InvoiceId.random(), company.id(), aSeller(), aBuyer(company),
                List.of(threeSeats, other)), NOW);
        Invoice withCredit = new Invoice(issued.id(), issued.companyId(), issued.number(), issued.state(),
                issued.seller(), issued.buyer(), issued.lines(), issued.subtotal(), issued.taxTotal(), issued.total(),
                eur("50.00"), eur("131.66"), issued.issuedAt(), issued.dueAt(), null, 0, NOW, 0);

        insert(withCredit);

        Invoice found = invoices().findById(withCredit.id()).orElseThrow();
        assertSame(found, withCredit.withVersion(1));
        assertThat(found.lines()).extracting(InvoiceLine::quantity).containsExactly(3, 1);
        assertThat(found.lines().get(0).unitPrice()).isEqualTo(eur("49.00"));
        assertThat(found.lines().get(1).tax()).isEqualTo(german);
        assertThat(found.total()).isEqualTo(eur("201.66"));
        assertThat(found.creditApplied()).isEqualTo(eur("50.00"));
        assertThat(found.amountDue()).isEqualTo(eur("131.66"));
        assertThat(found.vatBreakdown()).hasSize(2);
    }

    @Test
    public void aClosedInvoiceKeepsWhenItWasClosedToTheMicrosecond() {
        Invoice paid = anInvoice(company, ofCompany, NOW).attempted(1, NOW).paid(NOW.plus(MICROSECOND));
        Invoice voided = anInvoice(company, ofCompany, NOW.plus(days(31))).voided(
                Instant.parse("2026-03-31T23:59:59.999999Z"));
        Invoice uncollectible = anInvoice(company, ofCompany, NOW.plus(days(62))).attempted(4, null)
                .uncollectible(Instant.parse("2026-12-31T23:59:59.000001Z"));

        Stream.of(paid, voided, uncollectible).forEach(this::insert);

        assertFound(paid.withVersion(1));
        assertFound(voided.withVersion(1));
        assertFound(uncollectible.withVersion(1));
        assertThat(invoices().findById(uncollectible.id())).get()
                .extracting(Invoice::state, Invoice::paymentAttempts, Invoice::nextPaymentAt)
                .containsExactly(InvoiceState.UNCOLLECTIBLE, 4, null);
    }

    @Test
    public void aBuyerWithoutBillingDetailsAndATaxWithoutCountryKeepTheirEmptyFields() {
        Party seller = new Party("Billing SDK B.V.", null, null, Address.of("Damrak 1", null, "Amsterdam", "NL"));
        TaxLine outsideEu = new TaxLine(VatTreatment.OUTSIDE_EU, null, BigDecimal.ZERO, eur("0.00"), "");
        Invoice invoice = finalized(Invoice.draftOf(InvoiceId.random(), child.id(), seller, aBuyer(child),
                List.of(aLine(ofChild, NOW, eur("49.00"), outsideEu))), NOW);
        assertThat(invoice.buyer()).extracting(Party::vatNumber, Party::address).containsOnlyNulls();

        insert(invoice);

        Invoice found = invoices().findById(invoice.id()).orElseThrow();
        assertSame(found, invoice.withVersion(1));
        assertThat(found.seller()).extracting(Party::email, Party::vatNumber).containsOnlyNulls();
        assertThat(found.seller().address()).extracting(Address::line2, Address::postalCode, Address::region)
                .containsOnlyNulls();
        assertThat(found.buyer()).extracting(Party::vatNumber, Party::address).containsOnlyNulls();
        assertThat(found.lines().get(0).tax().country()).isNull();
        assertThat(found.lines().get(0).tax().note()).isEmpty();
    }

    @Test
    public void aVatRateWithDecimalsAndItsNoteAreKept() {
        TaxLine reverseCharge = new TaxLine(VatTreatment.REVERSE_CHARGE, CountryCode.of("DE"), BigDecimal.ZERO,
                eur("0.00"), TaxLine.REVERSE_CHARGE_NOTE);
        Invoice finnish = anInvoiceWith(company, aLine(ofCompany, NOW, eur("49.00"), finnishVat("12.50")));
        Invoice reverseCharged = anInvoiceWith(company, aLine(secondOfCompany, NOW, eur("49.00"), reverseCharge));

        insert(finnish);
        insert(reverseCharged);

        TaxLine found = invoices().findById(finnish.id()).orElseThrow().lines().get(0).tax();
        assertThat(found.ratePercent()).isEqualByComparingTo("25.5");
        assertThat(found.country()).isEqualTo(CountryCode.of("FI"));
        assertThat(found.note()).isEqualTo(finnish.lines().get(0).tax().note());
        assertFound(finnish.withVersion(1));
        assertFound(reverseCharged.withVersion(1));
    }

    @Test
    public void aYenInvoiceKeepsItsCurrencyAndHasNoDecimals() {
        Subscription inYen = storage.subscriptions().insert(aSubscription(company, yenPlan));
        TaxLine tax = new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("FI"), new BigDecimal("25.5"),
                money("383", "JPY"), "");
        Invoice invoice = anInvoiceWith(company, aLine(inYen, NOW, money("1500", "JPY"), tax));
        assertThat(decimal(invoice.total())).isEqualByComparingTo("1883");

        insert(invoice);

        Invoice found = invoices().findById(invoice.id()).orElseThrow();
        assertSame(found, invoice.withVersion(1));
        for (MonetaryAmount amount : List.of(found.subtotal(), found.taxTotal(), found.total(),
                found.creditApplied(), found.amountDue(), found.lines().get(0).amount(),
                found.lines().get(0).unitPrice(), found.lines().get(0).tax().amount())) {
            assertThat(amount.getCurrency().getCurrencyCode()).isEqualTo("JPY");
            assertThat(decimal(amount).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        }
        assertThat(decimal(found.total())).isEqualByComparingTo("1883");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textIsKeptVerbatim(String text) {
        Party buyer = new Party(text, EmailAddress.of("billing@acme.example"), VatNumber.of("DE136695976"),
                new Address(text, text, "1012 LG", text, text, "NL"));
        TaxLine tax = new TaxLine(VatTreatment.DOMESTIC, CountryCode.of("NL"), new BigDecimal("21"), eur("10.29"),
                text + "\nsecond line\r\n\t" + text);
        InvoiceLine line = new InvoiceLine(plan.productCode(), text, ofCompany.id(), plan.id(), NOW,
                NOW.plus(days(31)), 1, eur("49.00"), eur("49.00"), tax);
        Invoice invoice = finalized(Invoice.draftOf(InvoiceId.random(), company.id(), new Party(text, null, null, null),
                buyer, List.of(line)), NOW);

        insert(invoice);

        assertFound(invoice.withVersion(1));
    }

    @Test
    public void insertingATakenIdIsRefusedAndTheFirstInvoiceIsKept() {
        Invoice first = insert(anInvoice(company, ofCompany, NOW));
        Invoice sameId = anInvoice(first.id(), company, secondOfCompany, NOW.plus(days(31)), NOW.plus(days(31)));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameId));
        assertFound(first);
        assertThat(isBilled(secondOfCompany.id(), NOW.plus(days(31)))).isFalse();
        assertThat(historyOf(company)).containsExactly(first.id());
    }

    @Test
    public void insertingATakenNumberIsRefusedAndTheFirstInvoiceIsKept() {
        Invoice first = insert(anInvoice(company, ofCompany, NOW));
        Instant nextPeriod = NOW.plus(days(31));
        Invoice sameNumber = aDraftInvoice(InvoiceId.random(), company, secondOfCompany, nextPeriod)
                .finalized(first.number(), nextPeriod, nextPeriod.plus(PAYMENT_TERMS));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameNumber));
        assertFound(first);
        assertThat(invoices().findById(sameNumber.id())).isEmpty();
        assertThat(isBilled(secondOfCompany.id(), nextPeriod)).isFalse();
        assertThat(historyOf(company)).containsExactly(first.id());
    }

    @Test
    public void theSameSequenceNumberInAnotherSeriesIsAccepted() {
        Invoice first = insert(anInvoice(company, ofCompany, NOW));
        Instant nextPeriod = NOW.plus(days(31));
        Invoice creditSeries = aDraftInvoice(InvoiceId.random(), company, secondOfCompany, nextPeriod)
                .finalized(new InvoiceNumber("CN-2026", first.number().sequence()), nextPeriod,
                        nextPeriod.plus(PAYMENT_TERMS));

        insert(creditSeries);

        assertFound(first);
        assertFound(creditSeries.withVersion(1));
    }

    @Test
    public void billingAPeriodAgainIsRefusedAndNothingOfTheSecondInvoiceIsStored() {
        Instant periodStart = NOW.minus(days(10));
        Invoice first = insert(anInvoice(company, ofCompany, periodStart));
        Instant newPeriod = NOW.plus(days(400));
        Invoice again = anInvoiceWith(company, aLine(secondOfCompany, newPeriod, eur("49.00")),
                aLine(ofCompany, periodStart, eur("49.00")));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(again));

        assertThat(invoices().findById(again.id())).isEmpty();
        assertThat(isBilled(secondOfCompany.id(), newPeriod)).as("the new period of the refused")
                .isFalse();
        assertThat(isBilled(ofCompany.id(), periodStart)).isTrue();
        assertThat(historyOf(company)).containsExactly(first.id());
        assertFound(first);
    }

    @Test
    public void billingAPeriodAgainIsRefusedWhateverTheStateOfTheFirstInvoice() {
        Invoice voided = insert(anInvoice(company, ofCompany, NOW));
        voided = invoices().update(voided.voided(NOW.plus(days(1))));
        Invoice again = anInvoice(company, ofCompany, NOW);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(again));
        assertThat(invoices().findById(again.id())).isEmpty();
        assertThat(historyOf(company)).containsExactly(voided.id());
    }

    @Test
    public void anInvoiceBillingOnePeriodTwiceInItsOwnLinesIsRefused() {
        Invoice twice = anInvoiceWith(company, aLine(ofCompany, NOW, eur("49.00")),
                aLine(ofCompany, NOW, eur("49.00")));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(twice));
        assertThat(invoices().findById(twice.id())).isEmpty();
        assertThat(isBilled(ofCompany.id(), NOW)).isFalse();
    }

    @Test
    public void anotherPeriodOfTheSubscriptionAndTheSamePeriodOfAnotherAreAccepted() {
        Invoice first = insert(anInvoice(company, ofCompany, NOW));
        Invoice aMicrosecondLater = insert(anInvoice(company, ofCompany, NOW.plus(MICROSECOND)));
        Invoice aMicrosecondEarlier = insert(anInvoice(company, ofCompany, NOW.minus(MICROSECOND)));
        Invoice anotherSubscription = insert(anInvoice(company, secondOfCompany, NOW));
        Invoice anotherCompany = insert(anInvoice(child, ofChild, NOW));

        for (Invoice invoice : List.of(first, aMicrosecondLater, aMicrosecondEarlier, anotherSubscription,
                anotherCompany)) {
            assertFound(invoice);
        }
    }

    /** The lines a change of plan issues at {@code at}: the unused time of a line, and the rest of the period. */
    private static List<InvoiceLine> prorating(InvoiceLine charged, Instant at) {
        InvoiceLine unused = new InvoiceLine(charged.productCode(), "Unused time", charged.subscriptionId(),
                charged.planId(), at, charged.periodEnd(), charged.quantity(), charged.unitPrice(), eur("-20.00"),
                new TaxLine(charged.tax().treatment(), charged.tax().country(), charged.tax().ratePercent(),
                        eur("-4.20"), charged.tax().note()), InvoiceLine.Kind.UNUSED_TIME);
        InvoiceLine rest = new InvoiceLine(charged.productCode(), "Remaining time", charged.subscriptionId(),
                charged.planId(), at, charged.periodEnd(), 3, charged.unitPrice(), eur("60.00"),
                new TaxLine(charged.tax().treatment(), charged.tax().country(), charged.tax().ratePercent(),
                        eur("12.60"), charged.tax().note()), InvoiceLine.Kind.REMAINING_TIME);
        return List.of(unused, rest);
    }

    @Test
    public void theLinesOfAChangeRoundTripWithTheirKindAndMayProrateThePeriodsStartAgain() {
        Invoice period = insert(anInvoice(company, ofCompany, NOW));
        InvoiceLine charged = period.lines().get(0);
        Invoice change = insert(anInvoiceWith(company, prorating(charged, NOW).toArray(InvoiceLine[]::new)));
        Invoice again = insert(anInvoiceWith(company, prorating(charged, NOW).toArray(InvoiceLine[]::new)));

        assertFound(change);
        assertFound(again);
        assertThat(invoices().findById(change.id()).orElseThrow().lines()).extracting(InvoiceLine::kind)
                .containsExactly(InvoiceLine.Kind.UNUSED_TIME, InvoiceLine.Kind.REMAINING_TIME);
        assertThat(invoices().findByBilledPeriod(ofCompany.id(), NOW)).contains(period);
        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> insert(anInvoice(company, ofCompany, NOW)));
    }

    @Test
    public void theInvoicesBillingASubscriptionUpToAPeriodEndAreFoundInIssueOrderWhateverTheirState() {
        Invoice period = insert(anInvoice(InvoiceId.random(), company, ofCompany, NOW, NOW));
        InvoiceLine charged = period.lines().get(0);
        Invoice later = insert(anInvoiceWith(company, prorating(charged, NOW.plus(days(3)))
                .toArray(InvoiceLine[]::new)));
        Invoice voided = invoices().update(insert(anInvoiceWith(company, prorating(charged, NOW.plus(days(4)))
                .toArray(InvoiceLine[]::new))).voided(NOW.plus(days(4))));
        insert(anInvoice(company, ofCompany, charged.periodEnd()));
        insert(anInvoice(company, secondOfCompany, NOW));

        assertThat(invoices().findBySubscriptionPeriodEnd(ofCompany.id(), charged.periodEnd()))
                .containsExactly(period, later, voided);
        assertThat(invoices().findBySubscriptionPeriodEnd(ofCompany.id(), charged.periodEnd().plus(MICROSECOND)))
                .isEmpty();
        assertThat(invoices().findBySubscriptionPeriodEnd(ofChild.id(), charged.periodEnd())).isEmpty();
    }

    @Test
    public void updateIncrementsTheVersionAndKeepsThePaymentBookkeeping() {
        Invoice invoice = insert(anInvoice(company, ofCompany, NOW));
        List<UnaryOperator<Invoice>> transitions = List.of(
                i -> i.attempted(1, NOW.plus(MICROSECOND)),
                i -> i.attempted(2, NOW.plus(days(3)).plus(MICROSECOND)),
                i -> i.attempted(3, null),
                i -> i.attempted(4, Instant.parse("2026-02-28T23:59:59.999999Z")),
                i -> i.paid(NOW.plus(days(10)).plus(MICROSECOND)));

        for (UnaryOperator<Invoice> transition : transitions) {
            Invoice changed = transition.apply(invoice);
            Invoice updated = invoices().update(changed);

            assertSame(updated, changed.withVersion(invoice.version() + 1));
            assertFound(updated);
            invoice = updated;
        }
        assertThat(invoice.version()).isEqualTo(1 + transitions.size());
        assertThat(invoice).extracting(Invoice::state, Invoice::paymentAttempts, Invoice::nextPaymentAt)
                .containsExactly(InvoiceState.PAID, 4, null);
    }

    @Test
    public void updateKeepsTheAmountDueOfAnOpenInvoiceThatACreditReduced() {
        Invoice open = insert(anInvoice(company, ofCompany, NOW));
        Invoice reduced = new Invoice(open.id(), open.companyId(), open.number(), open.state(), open.seller(),
                open.buyer(), open.lines(), open.subtotal(), open.taxTotal(), open.total(), open.creditApplied(),
                eur("9.29"), open.issuedAt(), open.dueAt(), null, 0, open.nextPaymentAt(), open.version());

        Invoice updated = invoices().update(reduced);

        assertSame(updated, reduced.withVersion(2));
        assertThat(invoices().findById(open.id()).orElseThrow().amountDue()).isEqualTo(eur("9.29"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"paid", "voided", "uncollectible"})
    public void closingAnOpenInvoiceIsKeptWithItsNumberAndContent(String closing) {
        Invoice open = insert(anInvoice(company, ofCompany, NOW).attempted(2, NOW.plus(days(3))));
        Instant at = NOW.plus(days(4)).plus(MICROSECOND);
        Invoice closed = switch (closing) {
            case "paid" -> open.paid(at);
            case "voided" -> open.voided(at);
            default -> open.uncollectible(at);
        };

        Invoice updated = invoices().update(closed);

        assertSame(updated, closed.withVersion(2));
        assertFound(updated);
        Invoice found = invoices().findById(open.id()).orElseThrow();
        assertThat(found.state().isClosed()).isTrue();
        assertThat(found.closedAt()).isEqualTo(at);
        assertThat(found.number()).isEqualTo(open.number());
        assertThat(found.paymentAttempts()).isEqualTo(2);
        assertThat(found.nextPaymentAt()).isNull();
    }

    @Test
    public void staleUpdateIsRefusedAndTheStoredInvoiceIsUnchanged() {
        Invoice read = insert(anInvoice(company, ofCompany, NOW));
        Invoice current = invoices().update(read.attempted(1, NOW.plus(days(3))));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> invoices().update(read.voided(NOW)));
        assertFound(current);
    }

    @Test
    public void updateWithAVersionAheadOfTheStoredOneIsRefused() {
        Invoice stored = insert(anInvoice(company, ofCompany, NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> invoices().update(stored.paid(NOW).withVersion(7)));
        assertFound(stored);
    }

    @Test
    public void updatingAnUnknownInvoiceIsRefusedAsNotFound() {
        Invoice neverStored = anInvoice(company, ofCompany, NOW).withVersion(1);

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> invoices().update(neverStored));
        assertThat(invoices().findById(neverStored.id())).isEmpty();
        assertThat(isBilled(ofCompany.id(), NOW)).isFalse();
    }

    @Test
    public void findByCompaniesFindsTheGivenCompaniesInvoicesOnlyNewestFirstClosedIncluded() {
        Invoice oldest = insert(issued(company, NOW.minus(days(60))));
        Invoice ofChildInvoice = insert(issued(child, NOW.minus(days(30))));
        Invoice paid = insert(issued(company, NOW).paid(NOW.plus(days(1))));
        Invoice voided = insert(issued(company, NOW.minus(days(45))).voided(NOW));
        Invoice ofOtherInvoice = insert(issued(other, NOW.minus(days(10))));

        assertThat(invoices().findByCompanies(List.of(company.id(), child.id()), null, 10))
                .extracting(Invoice::id)
                .containsExactly(paid.id(), ofChildInvoice.id(), voided.id(), oldest.id());
        assertThat(invoices().findByCompanies(Set.of(company.id()), null, 10))
                .extracting(Invoice::id)
                .containsExactly(paid.id(), voided.id(), oldest.id());
        assertThat(invoices().findByCompanies(List.of(child.id()), null, 10))
                .extracting(Invoice::id)
                .containsExactly(ofChildInvoice.id());
        assertThat(invoices().findByCompanies(List.of(other.id()), null, 10))
                .extracting(Invoice::id)
                .containsExactly(ofOtherInvoice.id());
    }

    @Test
    public void findInScopeFindsTheScopesInvoicesAsFindByCompaniesFindsThoseOfItsCompaniesPageByPage() {
        Company grandchild = storage.companies().insert(aChildOf(child, "Grandchild"));
        Company sibling = storage.companies().insert(aChildOf(company, "Sibling"));
        Company otherChild = storage.companies().insert(aChildOf(other, "Other Child"));
        List<Company> billed = List.of(company, child, grandchild, sibling, other, otherChild);
        for (int i = 0; i < 12; i++) {
            // Some at one instant, across companies: the order then goes by number, then id.
            insert(issued(billed.get(i % billed.size()), i < 6 ? NOW : NOW.minus(days(i))));
        }
        for (Company top : List.of(company, child, grandchild, sibling, other)) {
            for (Scope scope : Scope.values()) {
                CompanyScope covered = CompanyScope.of(top.id(), scope, storage.companies());
                List<Invoice> expected = invoices().findByCompanies(covered.companyIds(), null, 100);

                assertThat(ids(pagedInScope(covered, 1))).as("%s %s", top.name(), scope).isEqualTo(ids(expected));
                assertThat(ids(pagedInScope(covered, PAGE))).as("%s %s", top.name(), scope).isEqualTo(ids(expected));
            }
        }
        assertThat(invoices().findInScope(CompanyScope.of(company.id(), Scope.WITH_DESCENDANTS, storage.companies()),
                null, 100)).hasSize(8);
        assertThat(invoices().findInScope(CompanyScope.of(child.id(), Scope.WITH_DESCENDANTS, storage.companies()),
                null, 100)).extracting(Invoice::companyId).containsOnly(child.id(), grandchild.id()).hasSize(4);
        assertThat(invoices().findInScope(CompanyScope.of(CompanyId.random(), Scope.WITH_DESCENDANTS,
                storage.companies()), null, 100)).isEmpty();
    }

    private List<Invoice> pagedInScope(CompanyScope scope, int size) {
        List<Invoice> found = new ArrayList<>();
        Cursor after = null;
        while (true) {
            List<Invoice> page = invoices().findInScope(scope, after, size);
            found.addAll(page);
            if (page.size() < size) {
                return found;
            }
            after = Cursor.after(page.get(page.size() - 1));
        }
    }

    @Test
    public void theHistoryHoldsTheStoredInvoicesWithEveryField() {
        Invoice open = insert(issued(company, NOW.minus(days(1))).attempted(1, NOW.plus(days(2))));
        Invoice paid = insert(issued(company, NOW).paid(NOW.plus(MICROSECOND)));

        List<Invoice> history = invoices().findByCompanies(List.of(company.id()), null, 10);

        assertThat(history).hasSize(2);
        assertSame(history.get(0), paid);
        assertSame(history.get(1), open);
    }

    @Test
    public void findByCompaniesOrdersByIssueTimeThenNumberThenIdDescending() {
        List<Invoice> stored = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            stored.add(insert(issued(id, company, NOW)));
        }
        for (int i = 0; i < 3; i++) {
            stored.add(insert(issued(child, NOW)));
        }
        stored.add(insert(issued(company, NOW.minus(MICROSECOND))));
        stored.add(insert(issued(child, NOW.plus(MICROSECOND))));
        stored.add(insert(issued(InvoiceId.of("ffffffff-ffff-ffff-ffff-ffffffffffff"), company,
                NOW.minus(days(1)))));
        stored.add(insert(issued(InvoiceId.of("00000000-0000-0000-0000-000000000000"), child, NOW.plus(days(1)))));

        assertThat(invoices().findByCompanies(List.of(child.id(), company.id()), null, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(newestFirst(stored)));
    }

    @Test
    public void ofInvoicesIssuedAtOneInstantTheHighestNumberComesFirstThenTheHighestId() {
        String seriesA = aUniqueSeries();
        String seriesB = aUniqueSeries();
        // Ids ascend as the numbers do, so that ordering by id alone would list the lowest number first.
        List<InvoiceId> ids = Stream.generate(InvoiceId::random).limit(6).sorted().toList();
        List<InvoiceNumber> numbers = List.of(new InvoiceNumber(seriesA, 1), new InvoiceNumber(seriesB, 2),
                new InvoiceNumber(seriesA, 2), new InvoiceNumber(seriesA, 3), new InvoiceNumber(seriesB, 3),
                new InvoiceNumber(seriesA, 4));
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            stored.add(insert(numbered(ids.get(i), numbers.get(i), NOW)));
        }
        stored.add(insert(numbered(InvoiceId.random(), new InvoiceNumber(seriesA, 5), NOW.minus(MICROSECOND))));

        for (int limit : new int[] {1, 2, 3, 100}) {
            assertThat(pageThroughHistory(List.of(company.id()), limit)).as("%d a page", limit)
                    .extracting(invoice -> invoice.number().toString())
                    .containsExactly(seriesA + "-000004", seriesB + "-000003", seriesA + "-000003",
                            seriesA + "-000002", seriesB + "-000002", seriesA + "-000001", seriesA + "-000005");
        }
    }

    @Test
    public void theLimitKeepsTheNewestInvoices() {
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(insert(issued(company, NOW.plus(days(i)))));
        }

        assertThat(invoices().findByCompanies(List.of(company.id()), null, 2))
                .extracting(Invoice::id)
                .containsExactly(stored.get(4).id(), stored.get(3).id());
        assertThat(invoices().findByCompanies(List.of(company.id()), null, 1))
                .extracting(Invoice::id)
                .containsExactly(stored.get(4).id());
    }

    @ParameterizedTest(name = "{0} a page")
    @ValueSource(ints = {1, 2, PAGE, 4})
    public void pagingThroughTheHistoryFindsEveryInvoiceExactlyOnceNewestFirst(int limit) {
        List<Invoice> stored = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            stored.add(insert(issued(id, company, NOW)));
        }
        for (int i = 0; i < 4; i++) {
            stored.add(insert(issued(i % 2 == 0 ? company : child, NOW)));
        }
        for (int i = 0; i < 3; i++) {
            stored.add(insert(issued(child, NOW.plus(MICROSECOND))));
            stored.add(insert(issued(company, NOW.minus(MICROSECOND.multipliedBy(i + 1)))));
        }
        stored.add(insert(issued(company, NOW.minus(days(30))).paid(NOW)));
        insert(issued(InvoiceId.of("00000000-0000-0000-7fff-fffffffffffe"), other, NOW));
        insert(issued(InvoiceId.of("7fffffff-ffff-ffff-ffff-fffffffffffe"), other, NOW.plus(MICROSECOND)));
        insert(issued(other, NOW.minus(MICROSECOND)));

        List<Invoice> found = pageThroughHistory(List.of(company.id(), child.id()), limit);

        assertThat(found).extracting(Invoice::id).containsExactlyElementsOf(ids(newestFirst(stored)));
    }

    @Test
    public void findByCompaniesAfterACursorStartsRightAfterIt() {
        List<Invoice> stored = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            stored.add(insert(issued(id, company, NOW)));
        }
        stored.add(insert(issued(company, NOW.minus(MICROSECOND))));
        stored.add(insert(issued(company, NOW.plus(MICROSECOND.multipliedBy(2)))));
        Cursor neverStored = new Cursor(NOW, stored.get(1).number().sequence(),
                InvoiceId.of("00000000-0000-0000-7fff-fffffffffffe"));
        Cursor betweenInstants = new Cursor(NOW.plus(MICROSECOND), 1, InvoiceId.random());

        assertThat(invoices().findByCompanies(List.of(company.id()), neverStored, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(newestFirst(stored).stream().filter(i -> isAfter(i, neverStored))
                        .toList()))
                .hasSize(2);
        assertThat(invoices().findByCompanies(List.of(company.id()), betweenInstants, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(newestFirst(stored).subList(1, stored.size())));
    }

    @Test
    public void aCompanyGivenTwiceHasEachOfItsInvoicesOnce() {
        Invoice first = insert(issued(company, NOW.minus(days(1))));
        Invoice second = insert(issued(company, NOW));

        assertThat(invoices().findByCompanies(List.of(company.id(), company.id()), null, 10))
                .extracting(Invoice::id)
                .containsExactly(second.id(), first.id());
    }

    @Test
    public void findByNoOrUnknownCompaniesFindsNothing() {
        Invoice invoice = insert(issued(company, NOW));
        Cursor cursor = new Cursor(NOW.plus(days(1)), 1, InvoiceId.random());

        assertThat(invoices().findByCompanies(List.of(), null, 10)).isEmpty();
        assertThat(invoices().findByCompanies(Set.of(), cursor, 10)).isEmpty();
        assertThat(invoices().findByCompanies(List.of(CompanyId.random()), null, 10)).isEmpty();
        assertThat(invoices().findByCompanies(List.of(company.id()), Cursor.after(invoice), 10)).isEmpty();
    }

    @Test
    public void anEmptyStoreHasNoHistoryAndNothingToCharge() {
        assertThat(invoices().findByCompanies(List.of(company.id()), null, 10)).isEmpty();
        assertThat(invoices().findPaymentDue(NOW, null, 10)).isEmpty();
        assertThat(invoices().findPaymentDue(NOW, InvoiceId.random(), 10)).isEmpty();
    }

    @Test
    public void findPaymentDueFindsTheOpenInvoicesWhoseNextAttemptHasComeToTheMicrosecond() {
        Invoice atIssueLongAgo = insert(issued(company, NOW.minus(days(30))));
        Invoice justBefore = insert(issued(company, NOW.minus(days(5))).attempted(1, NOW.minus(MICROSECOND)));
        Invoice exactlyNow = insert(issued(company, NOW.minus(days(5))).attempted(2, NOW));
        Invoice ofOtherCompany = insert(issued(other, NOW.minus(days(1))));
        insert(issued(company, NOW.minus(days(5))).attempted(1, NOW.plus(MICROSECOND)));
        insert(issued(company, NOW.plus(MICROSECOND)));
        insert(issued(company, NOW.minus(days(5))).attempted(4, null));
        insert(issued(company, NOW.minus(days(30))).paid(NOW.minus(days(1))));
        insert(issued(company, NOW.minus(days(30))).voided(NOW.minus(days(1))));
        insert(issued(child, NOW.minus(days(30))).uncollectible(NOW.minus(days(1))));
        insert(withNextPaymentAt(issued(company, NOW.minus(days(30))).paid(NOW.minus(days(2))), NOW.minus(days(1))));

        assertThat(invoices().findPaymentDue(NOW, null, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(List.of(atIssueLongAgo, justBefore, exactlyNow, ofOtherCompany))));
    }

    @Test
    public void findPaymentDueAnswersTheInvoicesWithEveryField() {
        Invoice due = insert(issued(company, NOW.minus(days(5))).attempted(2, NOW.minus(days(1))));

        List<Invoice> found = invoices().findPaymentDue(NOW, null, 100);

        assertThat(found).hasSize(1);
        assertSame(found.get(0), due);
    }

    @Test
    public void findPaymentDueOrdersByIdAsInvoiceIdCompares() {
        List<Invoice> due = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            due.add(insert(issued(id, company, NOW.minus(days(1)))));
        }
        for (int i = 0; i < 4; i++) {
            due.add(insert(issued(child, NOW.minus(MICROSECOND.multipliedBy(i)))));
        }

        assertThat(invoices().findPaymentDue(NOW, null, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(due)));
    }

    @Test
    public void pagingThroughThePaymentDueInvoicesFindsEachExactlyOnce() {
        List<Invoice> due = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            due.add(insert(issued(id, company, NOW.minus(days(1)))));
        }
        for (int i = 0; i < 4; i++) {
            due.add(insert(issued(other, NOW.minus(MICROSECOND.multipliedBy(i)))));
        }
        insert(issued(InvoiceId.of("00000000-0000-0000-7fff-fffffffffffe"), company, NOW.plus(MICROSECOND)));
        insert(issued(InvoiceId.of("7fffffff-ffff-ffff-ffff-fffffffffffe"), company, NOW.minus(days(1)))
                .paid(NOW));
        insert(issued(InvoiceId.of("80000000-0000-0000-0000-000000000001"), company, NOW.minus(days(1)))
                .attempted(4, null));

        List<Invoice> found = new ArrayList<>();
        InvoiceId after = null;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages").isLessThan(100);
            List<Invoice> page = invoices().findPaymentDue(NOW, after, PAGE);
            assertThat(page).as("page %d", pages).hasSizeLessThanOrEqualTo(PAGE);
            found.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }

        assertThat(found).extracting(Invoice::id).containsExactlyElementsOf(ids(byId(due)));
    }

    @Test
    public void findPaymentDueAfterAnIdThatIsNotDueStartsRightAfterIt() {
        List<Invoice> due = new ArrayList<>();
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            due.add(insert(issued(id, company, NOW.minus(days(1)))));
        }
        InvoiceId notDue = InvoiceId.of("7fffffff-ffff-ffff-ffff-fffffffffffe");
        insert(issued(notDue, company, NOW.plus(days(1))));
        InvoiceId neverStored = InvoiceId.of("00000000-0000-0000-7fff-fffffffffffe");

        assertThat(invoices().findPaymentDue(NOW, notDue, 100))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(due)).stream().filter(id -> id.compareTo(notDue) > 0).toList());
        assertThat(invoices().findPaymentDue(NOW, neverStored, 2))
                .extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(due)).stream().filter(id -> id.compareTo(neverStored) > 0)
                        .limit(2).toList());
    }

    @Test
    public void findPaymentDueFollowsUpdates() {
        Invoice invoice = insert(issued(company, NOW.minus(days(1))));
        assertThat(invoices().findPaymentDue(NOW, null, 100)).as("first attempt due at issue")
                .extracting(Invoice::id).containsExactly(invoice.id());

        invoice = invoices().update(invoice.attempted(1, NOW.plus(days(3))));
        assertThat(invoices().findPaymentDue(NOW, null, 100)).as("retry planned").isEmpty();
        assertThat(invoices().findPaymentDue(NOW.plus(days(3)), null, 100)).as("retry due")
                .extracting(Invoice::id).containsExactly(invoice.id());

        invoice = invoices().update(invoice.attempted(2, NOW.minus(MICROSECOND)));
        assertThat(invoices().findPaymentDue(NOW, null, 100)).as("retry due")
                .extracting(Invoice::id).containsExactly(invoice.id());

        invoice = invoices().update(invoice.attempted(3, null));
        assertThat(invoices().findPaymentDue(NOW.plus(days(365)), null, 100)).as("no retry planned").isEmpty();

        invoice = invoices().update(invoice.attempted(4, NOW));
        assertThat(invoices().findPaymentDue(NOW, null, 100)).as("retry due")
                .extracting(Invoice::id).containsExactly(invoice.id());

        invoices().update(invoice.paid(NOW));
        assertThat(invoices().findPaymentDue(NOW.plus(days(365)), null, 100)).as("paid").isEmpty();
    }

    @Test
    public void findAllByIdFindsTheStoredInvoicesWithTheirLinesAsFindByIdDoesEachOnce() {
        Invoice twoLines = insert(anInvoiceWith(company,
                aLine(ofCompany, NOW.plus(days(400)), eur("49.00"), finnishVat("12.50")),
                aLine(secondOfCompany, NOW.plus(days(400)).plus(MICROSECOND), eur("19.99"), finnishVat("5.09"))));
        Invoice paid = insert(issued(child, NOW.minus(days(3))).paid(NOW.plus(MICROSECOND)));
        Invoice attempted = invoices().update(insert(issued(other, NOW)).attempted(1, NOW.plus(days(3))));
        Invoice notAsked = insert(issued(company, NOW));

        List<Invoice> found = invoices().findAllById(List.of(attempted.id(), InvoiceId.random(), twoLines.id(),
                paid.id(), twoLines.id(), attempted.id()));

        assertSameInAnyOrder(found, List.of(twoLines, paid, attempted));
        assertSameInAnyOrder(found, Stream.of(twoLines, paid, attempted)
                .map(invoice -> invoices().findById(invoice.id()).orElseThrow()).toList());
        assertThat(ids(found)).doesNotContain(notAsked.id());
        assertThat(found).filteredOn(invoice -> invoice.id().equals(twoLines.id())).singleElement()
                .extracting(invoice -> invoice.lines().size()).isEqualTo(2);
    }

    @Test
    public void findOpenBySubscriptionsFindsEachOpenInvoiceBillingAnyOfThemOnceAsFindOpenBySubscriptionDoes() {
        Invoice both = insert(anInvoiceWith(company,
                aLine(ofCompany, NOW.plus(days(500)), eur("49.00"), finnishVat("12.50")),
                aLine(ofChild, NOW.plus(days(500)), eur("19.99"), finnishVat("5.09"))));
        Invoice ofCompanyOnly = insert(issued(company, NOW));
        Invoice ofChildOnly = insert(issued(child, NOW));
        insert(issued(child, NOW).paid(NOW.plus(MICROSECOND)));
        insert(issued(other, NOW));

        List<Invoice> found = invoices().findOpenBySubscriptions(List.of(ofCompany.id(), ofChild.id(), ofChild.id(),
                SubscriptionId.random()));

        assertSameInAnyOrder(found, List.of(both, ofCompanyOnly, ofChildOnly));
        assertThat(ids(found)).containsExactlyInAnyOrderElementsOf(Stream.concat(
                invoices().findOpenBySubscription(ofCompany.id()).stream(),
                invoices().findOpenBySubscription(ofChild.id()).stream()).map(Invoice::id).distinct().toList());
        assertThat(invoices().findOpenBySubscriptions(List.of())).isEmpty();
        assertThat(invoices().findOpenBySubscriptions(List.of(secondOfCompany.id()))).isEmpty();
    }

    @Test
    public void findAllByIdOfNoOrUnknownIdsFindsNothing() {
        insert(issued(company, NOW));

        assertThat(invoices().findAllById(List.of())).isEmpty();
        assertThat(invoices().findAllById(Set.of())).isEmpty();
        assertThat(invoices().findAllById(List.of(InvoiceId.random(), InvoiceId.random()))).isEmpty();
    }

    @Test
    public void insertAllStoresEveryInvoiceWithItsLinesAtVersionOneInTheGivenOrder() {
        Subscription inYen = storage.subscriptions().insert(aSubscription(company, yenPlan));
        TaxLine yenTax = new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("FI"), new BigDecimal("25.5"),
                money("383", "JPY"), "");
        List<Invoice> invoices = List.of(
                anInvoiceWith(company, aLine(ofCompany, NOW, eur("49.00"), finnishVat("12.50")),
                        aLine(secondOfCompany, NOW.plus(MICROSECOND), eur("19.99"), finnishVat("5.09"))),
                issued(child, NOW.minus(days(1))).paid(NOW.plus(MICROSECOND)),
                anInvoiceWith(company, aLine(inYen, NOW, money("1500", "JPY"), yenTax)),
                issued(other, NOW.plus(MICROSECOND)).attempted(2, NOW.plus(days(3))));

        List<Invoice> stored = invoices().insertAll(invoices);

        assertThat(stored).hasSameSizeAs(invoices);
        for (int i = 0; i < invoices.size(); i++) {
            assertSame(stored.get(i), invoices.get(i).withVersion(1));
            assertFound(invoices.get(i).withVersion(1));
        }
        assertThat(isBilled(ofCompany.id(), NOW)).isTrue();
        assertThat(isBilled(secondOfCompany.id(), NOW.plus(MICROSECOND))).isTrue();
        assertThat(isBilled(inYen.id(), NOW)).isTrue();
        assertThat(historyOf(company)).containsExactlyInAnyOrder(invoices.get(0).id(), invoices.get(2).id());
        assertThat(invoices().findPaymentDue(NOW, null, 100)).extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(List.of(invoices.get(0), invoices.get(2)))));
    }

    @Test
    public void insertAllOfNoInvoicesStoresNothing() {
        assertThat(invoices().insertAll(List.of())).isEmpty();

        assertThat(historyOf(company)).isEmpty();
        assertThat(invoices().findPaymentDue(NOW, null, 100)).isEmpty();
    }

    @ParameterizedTest(name = "taken {0}")
    @ValueSource(strings = {"id", "number", "billed period"})
    public void anInvoiceWithATakenKeyInInsertAllIsRefusedAndTheRolledBackTransactionStoresNoneOfTheBatch(
            String taken) {
        Invoice existing = insert(anInvoice(company, ofCompany, NOW));
        Instant newPeriod = NOW.plus(days(400));
        Invoice before = anInvoice(child, ofChild, newPeriod);
        Invoice clashing = switch (taken) {
            case "id" -> anInvoice(existing.id(), company, secondOfCompany, newPeriod, NOW);
            case "number" -> aDraftInvoice(InvoiceId.random(), company, secondOfCompany, newPeriod)
                    .finalized(existing.number(), NOW, NOW.plus(PAYMENT_TERMS));
            default -> anInvoice(company, ofCompany, NOW);
        };
        Invoice after = anInvoice(other, ofOther, newPeriod);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> storage.inTransaction(
                () -> invoices().insertAll(List.of(before, clashing, after))));

        assertFound(existing);
        assertThat(invoices().findById(before.id())).isEmpty();
        assertThat(invoices().findById(after.id())).isEmpty();
        assertThat(isBilled(ofChild.id(), newPeriod)).isFalse();
        assertThat(isBilled(secondOfCompany.id(), newPeriod)).isFalse();
        assertThat(isBilled(ofOther.id(), newPeriod)).isFalse();
        assertThat(historyOf(company)).containsExactly(existing.id());
        assertThat(historyOf(child)).isEmpty();
        assertThat(historyOf(other)).isEmpty();
        assertThat(invoices().findPaymentDue(NOW, null, 100)).extracting(Invoice::id).containsExactly(existing.id());
    }

    @Test
    public void aTakenIdDeepInALargeInsertAllIsRefusedAndTheRolledBackTransactionStoresNoneOfTheBatch() {
        Invoice existing = insert(issued(company, NOW));
        List<Company> billed = List.of(company, child, other);
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            invoices.add(i == 50 ? issued(existing.id(), child, NOW) : issued(billed.get(i % billed.size()), NOW));
        }

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> storage.inTransaction(
                () -> invoices().insertAll(invoices)));

        assertFound(existing);
        assertThat(invoices().findAllById(ids(invoices))).extracting(Invoice::id).containsExactly(existing.id());
        assertThat(historyOf(child)).isEmpty();
        assertThat(historyOf(other)).isEmpty();
    }

    @Test
    public void insertAllAndFindAllByIdTakeMoreInvoicesThanOneQueryTakes() {
        List<Company> billed = List.of(company, child, other);
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < ContractData.MORE_KEYS_THAN_ONE_QUERY_TAKES; i++) {
            invoices.add(issued(billed.get(i % billed.size()), NOW.minus(MICROSECOND.multipliedBy(i))));
        }
        List<InvoiceId> asked = new ArrayList<>();
        for (Invoice invoice : invoices) {
            asked.add(InvoiceId.random());
            asked.add(invoice.id());
        }
        asked.add(invoices.get(0).id());

        List<Invoice> stored = invoices().insertAll(invoices);
        List<Invoice> found = invoices().findAllById(asked);

        assertThat(ids(stored)).containsExactlyElementsOf(ids(invoices));
        assertSameInAnyOrder(found, invoices.stream().map(invoice -> invoice.withVersion(1)).toList());
    }

    @Test
    public void updateAllIncrementsEachVersionAndAnswersTheInvoicesInTheGivenOrder() {
        Invoice open = insert(issued(company, NOW.minus(days(5))));
        Invoice attempted = invoices().update(insert(issued(child, NOW.minus(days(5))))
                .attempted(1, NOW.minus(days(1))));
        Invoice toVoid = insert(issued(other, NOW.minus(days(5))));
        List<Invoice> changed = List.of(
                attempted.paid(NOW.plus(MICROSECOND)),
                open.attempted(1, NOW.plus(days(3)).plus(MICROSECOND)),
                toVoid.voided(NOW));

        List<Invoice> updated = invoices().updateAll(changed);

        assertThat(updated).hasSameSizeAs(changed);
        assertSame(updated.get(0), changed.get(0).withVersion(3));
        assertSame(updated.get(1), changed.get(1).withVersion(2));
        assertSame(updated.get(2), changed.get(2).withVersion(2));
        updated.forEach(this::assertFound);
        assertThat(invoices().findPaymentDue(NOW, null, 100)).as("findPaymentDue follows updateAll").isEmpty();
        assertThat(invoices().findPaymentDue(NOW.plus(days(3)).plus(MICROSECOND), null, 100))
                .extracting(Invoice::id).containsExactly(open.id());
    }

    @Test
    public void updateAllOfNoInvoicesChangesNothing() {
        Invoice stored = insert(issued(company, NOW));

        assertThat(invoices().updateAll(List.of())).isEmpty();
        assertFound(stored);
    }

    @Test
    public void aStaleInvoiceInUpdateAllIsRefusedAndTheRolledBackTransactionChangesNoneOfThem() {
        Invoice first = insert(issued(company, NOW));
        Invoice read = insert(issued(child, NOW));
        Invoice last = insert(issued(other, NOW));
        Invoice current = invoices().update(read.attempted(1, NOW.plus(days(3))));
        List<Invoice> batch = List.of(first.paid(NOW), read.voided(NOW), last.paid(NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> storage.inTransaction(() -> invoices().updateAll(batch)));

        assertFound(first);
        assertFound(current);
        assertFound(last);
        assertThat(invoices().findPaymentDue(NOW, null, 100)).extracting(Invoice::id)
                .containsExactlyElementsOf(ids(byId(List.of(first, last))));
    }

    @Test
    public void anUnknownInvoiceInUpdateAllIsRefusedAsNotFoundAndTheRolledBackTransactionChangesNoneOfThem() {
        Invoice first = insert(issued(company, NOW));
        Invoice last = insert(issued(other, NOW));
        Invoice neverStored = anInvoice(company, secondOfCompany, NOW).withVersion(1);
        List<Invoice> batch = List.of(first.paid(NOW), neverStored.paid(NOW), last.paid(NOW));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> storage.inTransaction(() -> invoices().updateAll(batch)));

        assertFound(first);
        assertFound(last);
        assertThat(invoices().findById(neverStored.id())).isEmpty();
        assertThat(isBilled(secondOfCompany.id(), NOW)).isFalse();
    }

    /**
     * Whether a stored invoice bills {@code subscription} for the period starting at
     * {@code periodStart}, as the history of the suite's companies shows it.
     */
    private boolean isBilled(SubscriptionId subscription, Instant periodStart) {
        return invoices().findByCompanies(List.of(company.id(), child.id(), other.id()), null, 10_000).stream()
                .flatMap(invoice -> invoice.lines().stream())
                .anyMatch(line -> line.subscriptionId().equals(subscription) && line.periodStart().equals(periodStart));
    }

    /** The billing history as the portal pages through it: with the last invoice seen, until a page is short. */
    private List<Invoice> pageThroughHistory(Collection<CompanyId> companyIds, int limit) {
        List<Invoice> found = new ArrayList<>();
        Cursor after = null;
        for (int pages = 0; pages < 100; pages++) {
            List<Invoice> page = invoices().findByCompanies(companyIds, after, limit);
            assertThat(page).as("page %d", pages).hasSizeLessThanOrEqualTo(limit);
            found.addAll(page);
            if (page.size() < limit) {
                return found;
            }
            Invoice last = page.get(page.size() - 1);
            after = Cursor.after(last);
        }
        throw new AssertionError("paging did not end after 100 pages; found " + found.size());
    }

    private List<InvoiceId> historyOf(Company billed) {
        return ids(invoices().findByCompanies(List.of(billed.id()), null, 100));
    }

    /** An open invoice of the company with the given number, for a period no other invoice bills. */
    private Invoice numbered(InvoiceId id, InvoiceNumber number, Instant issuedAt) {
        return ContractData.aDraftInvoice(id, company, ofCompany, nextPeriodStart())
                .finalized(number, issuedAt, issuedAt.plus(PAYMENT_TERMS));
    }

    /** A series no other test uses, since stores keep numbers unique per series. */
    private static String aUniqueSeries() {
        return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    /** An open invoice of {@code billed}, for a period of one of its subscriptions billed by no other. */
    private Invoice issued(Company billed, Instant issuedAt) {
        return issued(InvoiceId.random(), billed, issuedAt);
    }

    private Invoice issued(InvoiceId id, Company billed, Instant issuedAt) {
        return anInvoice(id, billed, subscriptionOf(billed), nextPeriodStart(), issuedAt);
    }

    private Subscription subscriptionOf(Company billed) {
        if (billed == company) {
            return ofCompany;
        }
        return billed == child ? ofChild : ofOther;
    }

    /** A period start not used before in this test: a month after the last. */
    private Instant nextPeriodStart() {
        return NOW.minus(days(3650)).plus(days(31L * periods++));
    }

    /** An open invoice of {@code billed} with the given lines, issued at {@link ContractData#NOW}. */
    private static Invoice anInvoiceWith(Company billed, InvoiceLine... lines) {
        return finalized(Invoice.draftOf(InvoiceId.random(), billed.id(), aSeller(), aBuyer(billed), List.of(lines)),
                NOW);
    }

    private static Invoice finalized(Invoice draft, Instant issuedAt) {
        return draft.finalized(aTestInvoiceNumber(), issuedAt, issuedAt.plus(PAYMENT_TERMS));
    }

    /**
     * {@code invoice} with another next payment time, whatever its state: a closed invoice that
     * still has one is not due, as the state decides first.
     */
    private static Invoice withNextPaymentAt(Invoice invoice, Instant next) {
        return new Invoice(invoice.id(), invoice.companyId(), invoice.number(), invoice.state(), invoice.seller(),
                invoice.buyer(), invoice.lines(), invoice.subtotal(), invoice.taxTotal(), invoice.total(),
                invoice.creditApplied(), invoice.amountDue(), invoice.issuedAt(), invoice.dueAt(), invoice.closedAt(),
                invoice.paymentAttempts(), next,
                invoice.version());
    }

    /** Finnish VAT at 25.5 % with a note, of the given amount in euros. */
    private static TaxLine finnishVat(String amount) {
        return new TaxLine(VatTreatment.DESTINATION_RATE, CountryCode.of("FI"), new BigDecimal("25.5"), eur(amount),
                "Arvonlisävero 25,5 % – VAT at the rate of Finland, the customer's member state");
    }

    private void assertFound(Invoice expected) {
        assertThat(invoices().findById(expected.id())).as("invoice %s", expected.id()).isPresent();
        assertSame(invoices().findById(expected.id()).orElseThrow(), expected);
    }

    private static void assertSame(Invoice actual, Invoice expected) {
        assertThat(actual).as("invoice %s", expected.id()).usingRecursiveComparison(BY_VALUE).isEqualTo(expected);
    }

    /** Asserts that {@code actual} holds the invoices of {@code expected}, each once with every field, in any order. */
    private static void assertSameInAnyOrder(List<Invoice> actual, List<Invoice> expected) {
        assertThat(ids(actual)).containsExactlyInAnyOrderElementsOf(ids(expected));
        Map<InvoiceId, Invoice> byId = actual.stream().collect(Collectors.toMap(Invoice::id, invoice -> invoice));
        expected.forEach(invoice -> assertSame(byId.get(invoice.id()), invoice));
    }

    private static boolean isAfter(Invoice invoice, Cursor cursor) {
        int byTime = invoice.issuedAt().compareTo(cursor.issuedAt());
        if (byTime != 0) {
            return byTime < 0;
        }
        int bySequence = Long.compare(invoice.number().sequence(), cursor.sequence());
        return bySequence < 0 || bySequence == 0 && invoice.id().compareTo(cursor.id()) < 0;
    }

    private static List<Invoice> newestFirst(List<Invoice> invoices) {
        return invoices.stream().sorted(NEWEST_FIRST).toList();
    }

    private static List<Invoice> byId(List<Invoice> invoices) {
        return invoices.stream().sorted(Comparator.comparing(Invoice::id)).toList();
    }

    private static List<InvoiceId> ids(List<Invoice> invoices) {
        return invoices.stream().map(Invoice::id).toList();
    }

    private static int compareAmounts(MonetaryAmount actual, MonetaryAmount expected) {
        int byCurrency = actual.getCurrency().getCurrencyCode().compareTo(expected.getCurrency().getCurrencyCode());
        return byCurrency != 0 ? byCurrency : decimal(actual).compareTo(decimal(expected));
    }

    private static BigDecimal decimal(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
