package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aPayment;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.invoiceIdsAtTheEdgesOfTheOrder;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.money.MonetaryAmount;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link PaymentStore}: payment attempts round-trip with every field (the amount
 * by currency and exact value, empty fields as empty, instants to the microsecond) and are found
 * by their idempotency key; an id or an idempotency key is taken once; writes are versioned as
 * companies' are, whatever outcome they record; and an invoice's attempts come together, oldest
 * attempt first. {@code findAllByIdempotencyKey} answers the stored payments among the keys given,
 * each once, as {@code findByIdempotencyKey} does, also for more keys than one query of a
 * database takes; {@code insertAll} and {@code updateAll} write each payment as {@code insert} and
 * {@code update} do and, when one of them has a taken key or is stale or missing, throw as those
 * do, after which the caller's transaction rolls back with none of the batch written. Run it on an
 * implementation with:
 *
 * <pre>{@code
 * class PostgresPaymentStoreTest extends PaymentStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class PaymentStoreContract extends StorageContract {

    /**
     * Compares payments field by field, the amount by currency and numeric value: the scale and
     * the {@code MonetaryAmount} class a storage answers with may differ.
     */
    private static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(PaymentStoreContract::compareAmounts, MonetaryAmount.class)
            .build();

    private Company company;
    private Company child;
    private Subscription subscription;
    private Subscription ofChild;
    private Invoice invoice;
    private Invoice secondInvoice;
    private Invoice invoiceOfChild;
    private PaymentMethod card;

    @BeforeEach
    public final void insertInvoicesAndAPaymentMethod() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        subscription = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(days(400))));
        ofChild = storage.subscriptions().insert(aSubscription(child, plan, NOW.minus(days(400))));
        invoice = storage.invoices().insert(anInvoice(company, subscription, NOW.minus(days(60))));
        secondInvoice = storage.invoices().insert(anInvoice(company, subscription, NOW.minus(days(30))));
        invoiceOfChild = storage.invoices().insert(anInvoice(child, ofChild, NOW.minus(days(30))));
        card = storage.paymentMethods().insert(aCard(company, NOW.minus(days(90))));
    }

    /** One outcome of each kind the provider answers, with and without the optional fields. */
    public static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("succeeded", new ChargeOutcome.Succeeded(ChargeReference.of("pi_3N9xYzSucceeded")),
                        PaymentStatus.SUCCEEDED),
                Arguments.of("pending", new ChargeOutcome.Pending(ChargeReference.of("pi_3N9xYzPending")),
                        PaymentStatus.PENDING),
                Arguments.of("declined", new ChargeOutcome.Declined(ChargeReference.of("pi_3N9xYzDeclined"),
                        DeclineCode.of("insufficient_funds"),
                        "Your card has insufficient funds."), PaymentStatus.DECLINED),
                Arguments.of("declined without reference", new ChargeOutcome.Declined(null,
                        DeclineCode.of("card_declined"),
                        "The bank said \"no\"; try another card."), PaymentStatus.DECLINED),
                Arguments.of("unknown", new ChargeOutcome.Unknown(
                        "java.net.SocketTimeoutException: Read timed out"), PaymentStatus.UNKNOWN));
    }

    private PaymentStore payments() {
        return storage.payments();
    }

    private Payment insert(Payment payment) {
        return payments().insert(payment);
    }

    @Test
    public void insertStoresThePaymentAtVersionOneAndFindsItByItsIdempotencyKey() {
        Payment payment = aPayment(invoice, 1, card, NOW);

        Payment stored = payments().insert(payment);

        assertSame(stored, payment.withVersion(1));
        assertFound(payment.withVersion(1));
    }

    @Test
    public void aPaymentWithEveryFieldRoundTrips() {
        Payment declined = aPayment(invoice, 3, card, Instant.parse("2026-02-28T23:59:59.999999Z"))
                .withOutcome(new ChargeOutcome.Declined(ChargeReference.of("pi_3N9xYz"),
                        DeclineCode.of("expired_card"), "Your card has expired."), NOW.plus(MICROSECOND));
        Payment refundFailed = aPayment(secondInvoice, 1, card, NOW)
                .withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_3N9xZa")), NOW)
                .withRefund(new RefundOutcome.Pending(RefundReference.of("re_3N9xZa")), NOW.plus(days(1)))
                .withRefund(new RefundOutcome.Declined(null, DeclineCode.of("lost_or_stolen_card"),
                        "The bank returned it."), NOW.plus(days(2)).plus(MICROSECOND));
        assertThat(declined).hasNoNullFieldsOrPropertiesExcept("refundReference");
        assertThat(refundFailed).hasNoNullFieldsOrProperties();

        insert(declined);
        insert(refundFailed);

        assertFound(declined.withVersion(1));
        assertFound(refundFailed.withVersion(1));
    }

    @Test
    public void aPaymentWithoutMethodOrAnswerKeepsItsEmptyFields() {
        Payment noMethod = new Payment(PaymentId.random(), invoice.id(), company.id(), 1,
                IdempotencyKey.forAttempt(invoice.id(), 1), invoice.total(), null, null, PaymentStatus.UNKNOWN, null,
                        null,
                null, null, NOW, NOW, 0);

        insert(noMethod);

        Payment found = payments().findByIdempotencyKey(noMethod.idempotencyKey()).orElseThrow();
        assertSame(found, noMethod.withVersion(1));
        assertThat(found).extracting(Payment::paymentMethodId, Payment::providerReference, Payment::failureCode,
                Payment::message).containsOnlyNulls();
    }

    @Test
    public void theAmountKeepsItsCurrencyAndExactValue() {
        Payment inYen = new Payment(PaymentId.random(), invoice.id(), company.id(), 1,
                IdempotencyKey.of("yen-attempt-1"), money("1883", "JPY"), card.id(), card.providerReference(),
                PaymentStatus.PENDING, ChargeReference.of("pi_yen"), null, null, null, NOW, NOW, 0);
        Payment inDinar = new Payment(PaymentId.random(), invoice.id(), company.id(), 2,
                IdempotencyKey.of("dinar-attempt-2"), money("12.345", "BHD"), card.id(), card.providerReference(),
                PaymentStatus.SUCCEEDED, ChargeReference.of("pi_bhd"), null, null, null, NOW, NOW, 0);

        insert(inYen);
        insert(inDinar);

        assertFound(inYen.withVersion(1));
        assertFound(inDinar.withVersion(1));
        MonetaryAmount yen = payments().findByIdempotencyKey(IdempotencyKey.of("yen-attempt-1")).orElseThrow().amount();
        assertThat(yen.getCurrency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(decimal(yen)).isEqualByComparingTo("1883");
        assertThat(decimal(yen).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textIsKeptVerbatim(String text) {
        Payment payment = new Payment(PaymentId.random(), invoice.id(), company.id(), 1,
                IdempotencyKey.forAttempt(invoice.id(), 1), invoice.total(), card.id(), card.providerReference(),
                PaymentStatus.DECLINED, ChargeReference.of("pi_1"), null,
                DeclineCode.of(text.strip().replaceAll("(?U)\\s+", "_")), text + "\nsecond line", NOW, NOW, 0);

        insert(payment);

        assertFound(payment.withVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyReferences")
    public void keysAndReferencesAreKeptVerbatimAndTheKeyFindsItsPayment(String text) {
        Payment payment = new Payment(PaymentId.random(), invoice.id(), company.id(), 1, IdempotencyKey.of(text),
                invoice.total(), card.id(), PaymentMethodReference.of(text), PaymentStatus.REFUND_PENDING,
                ChargeReference.of(text), RefundReference.of(text), null, null, NOW, NOW, 0);

        insert(payment);

        assertFound(payment.withVersion(1));
        assertSame(payments().findAllByIdempotencyKey(List.of(IdempotencyKey.of(text))).get(0),
                payment.withVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PaymentStatus.class, names = {"REFUND_PENDING", "REFUNDED", "REFUND_FAILED"})
    public void aRefundKeepsItsReferenceAndStatusThroughUpdates(PaymentStatus after) {
        Payment paid = payments().update(insert(aPayment(invoice, 1, card, NOW))
                .withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_paid")), NOW));
        RefundReference refund = RefundReference.of("re_3N9xYz");
        RefundOutcome pending = new RefundOutcome.Pending(refund);
        Payment refunding = payments().update(paid.withRefund(pending, NOW.plus(MICROSECOND)));
        Payment last = switch (after) {
            case REFUND_PENDING -> refunding;
            case REFUNDED -> payments().update(refunding.withRefund(new RefundOutcome.Succeeded(refund),
                    NOW.plus(days(1))));
            default -> payments().update(refunding.withRefund(new RefundOutcome.Declined(refund,
                    DeclineCode.of("lost_or_stolen_card"), "The bank returned the refund."), NOW.plus(days(1))));
        };

        Payment found = payments().findByIdempotencyKey(paid.idempotencyKey()).orElseThrow();
        assertSame(found, last);
        assertThat(found.status()).isEqualTo(after);
        assertThat(found.refundReference()).isEqualTo(refund);
        assertThat(found.providerReference()).isEqualTo(ChargeReference.of("pi_paid"));
    }

    @Test
    public void anUnknownIdempotencyKeyIsNotFound() {
        insert(aPayment(invoice, 1, card, NOW));

        assertThat(payments().findByIdempotencyKey(IdempotencyKey.forAttempt(invoice.id(), 2))).isEmpty();
        assertThat(payments().findByIdempotencyKey(IdempotencyKey.forAttempt(secondInvoice.id(), 1))).isEmpty();
        assertThat(payments().findByIdempotencyKey(IdempotencyKey.of("invoice-unknown-attempt-1"))).isEmpty();
    }

    @Test
    public void insertingATakenIdIsRefusedAndTheFirstPaymentIsKept() {
        Payment first = insert(aPayment(invoice, 1, card, NOW));
        Payment sameId = new Payment(first.id(), invoice.id(), company.id(), 2,
                IdempotencyKey.forAttempt(invoice.id(), 2),
                invoice.total(), null, null, PaymentStatus.UNKNOWN, null, null, null, null, NOW, NOW, 0);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameId));
        assertFound(first);
        assertThat(payments().findByIdempotencyKey(sameId.idempotencyKey())).isEmpty();
        assertThat(payments().findByInvoices(List.of(invoice.id()))).extracting(Payment::id)
                .containsExactly(first.id());
    }

    @Test
    public void insertingATakenIdempotencyKeyIsRefusedAndTheFirstPaymentIsKept() {
        Payment first = insert(aPayment(invoice, 1, card, NOW));
        Payment sameKey = aPayment(invoice, 1, null, NOW.plus(days(1)));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameKey));
        assertFound(first);
        assertThat(payments().findByInvoices(List.of(invoice.id()))).extracting(Payment::id)
                .containsExactly(first.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    public void recordingAnOutcomeIncrementsTheVersionAndKeepsEveryField(String name, ChargeOutcome outcome,
            PaymentStatus status) {
        Payment stored = insert(aPayment(invoice, 1, card,
                NOW).withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_first")),
                NOW));
        Payment changed = stored.withOutcome(outcome, NOW.plus(days(2)).plus(MICROSECOND));

        Payment updated = payments().update(changed);

        assertSame(updated, changed.withVersion(2));
        assertFound(updated);
        Payment found = payments().findByIdempotencyKey(stored.idempotencyKey()).orElseThrow();
        assertThat(found.status()).isEqualTo(status);
        assertThat(found.updatedAt()).isEqualTo(NOW.plus(days(2)).plus(MICROSECOND));
        assertThat(found.createdAt()).isEqualTo(NOW);
    }

    @Test
    public void everyUpdateIncrementsTheVersionByOne() {
        Payment payment = insert(aPayment(invoice, 1, card, NOW));
        List<ChargeOutcome> answers = List.of(
                new ChargeOutcome.Unknown("timed out"),
                new ChargeOutcome.Pending(ChargeReference.of("pi_3N9xYz")),
                new ChargeOutcome.Pending(ChargeReference.of("pi_3N9xYz")),
                new ChargeOutcome.Succeeded(ChargeReference.of("pi_3N9xYz")));

        for (int i = 0; i < answers.size(); i++) {
            Payment changed = payment.withOutcome(answers.get(i), NOW.plus(days(i + 1)));
            payment = payments().update(changed);
            assertSame(payment, changed.withVersion(i + 2));
        }

        assertFound(payment);
        assertThat(payment.version()).isEqualTo(1 + answers.size());
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    public void staleUpdateIsRefusedAndTheStoredPaymentIsUnchanged() {
        Payment read = insert(aPayment(invoice, 1, card, NOW));
        Payment current = payments().update(read.withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_1")),
                NOW.plus(days(1))));

        assertThatExceptionOfType(ConcurrentUpdateException.class).isThrownBy(() -> payments().update(
                read.withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), NOW.plus(days(2)))));
        assertFound(current);
    }

    @Test
    public void updateWithAVersionAheadOfTheStoredOneIsRefused() {
        Payment stored = insert(aPayment(invoice, 1, card, NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class).isThrownBy(() -> payments().update(
                stored.withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), NOW).withVersion(7)));
        assertFound(stored);
    }

    @Test
    public void updatingAnUnknownPaymentIsRefusedAsNotFound() {
        Payment neverStored = aPayment(invoice, 1, card, NOW).withVersion(1);

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> payments().update(neverStored));
        assertThat(payments().findByIdempotencyKey(neverStored.idempotencyKey())).isEmpty();
        assertThat(payments().findByInvoices(List.of(invoice.id()))).isEmpty();
    }

    @Test
    public void findByInvoicesFindsTheGivenInvoicesAttemptsTogetherOldestAttemptFirst() {
        Payment third = insert(aPayment(invoice, 3, card, NOW.minus(days(1))));
        Payment secondsFirst = insert(aPayment(secondInvoice, 1, card, NOW.minus(days(5))));
        Payment first = insert(aPayment(invoice, 1, card, NOW.minus(days(10))));
        Payment ofChild = insert(aPayment(invoiceOfChild, 1, null, NOW.minus(days(3))));
        Payment second = insert(aPayment(invoice, 2, null, NOW.minus(days(7))));
        Payment secondsSecond = insert(aPayment(secondInvoice, 2, card, NOW.minus(days(4))));

        List<Payment> found = payments().findByInvoices(List.of(invoice.id(), secondInvoice.id()));

        assertThat(byInvoice(found)).containsOnlyKeys(invoice.id(), secondInvoice.id());
        assertThat(byInvoice(found).get(invoice.id())).extracting(Payment::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(byInvoice(found).get(secondInvoice.id())).extracting(Payment::id)
                .containsExactly(secondsFirst.id(), secondsSecond.id());
        assertAttemptsTogether(found);
        assertThat(payments().findByInvoices(Set.of(invoiceOfChild.id()))).extracting(Payment::id)
                .containsExactly(ofChild.id());
    }

    @Test
    public void findByInvoicesAnswersThePaymentsWithEveryField() {
        Payment declined = insert(aPayment(invoice, 1, card, NOW).withOutcome(
                new ChargeOutcome.Declined(ChargeReference.of("pi_1"), DeclineCode.of("do_not_honor"),
                        "Declined by the bank."),
                        NOW.plus(MICROSECOND)));

        List<Payment> found = payments().findByInvoices(List.of(invoice.id()));

        assertThat(found).hasSize(1);
        assertSame(found.get(0), declined);
    }

    @Test
    public void theAttemptsOfManyInvoicesComeTogetherWhateverTheirIds() {
        List<Invoice> invoices = new ArrayList<>();
        int period = 0;
        for (InvoiceId id : invoiceIdsAtTheEdgesOfTheOrder()) {
            invoices.add(storage.invoices().insert(anInvoice(id, company, subscription,
                    NOW.plus(days(31L * ++period)), NOW)));
        }
        for (int attempt = 4; attempt >= 1; attempt--) {
            for (Invoice charged : invoices) {
                insert(aPayment(charged, attempt, card, NOW.minus(days(attempt))));
            }
        }

        List<Payment> found = payments().findByInvoices(invoices.stream().map(Invoice::id).toList());

        assertThat(found).hasSize(4 * invoices.size());
        assertAttemptsTogether(found);
        assertThat(byInvoice(found)).hasSize(invoices.size());
        byInvoice(found).values().forEach(attempts -> assertThat(attempts).extracting(Payment::attempt)
                .containsExactly(1, 2, 3, 4));
    }

    @Test
    public void findByInvoicesFollowsUpdates() {
        Payment payment = insert(aPayment(invoice, 1, card, NOW));

        Payment succeeded = payments().update(payment.withOutcome(
                new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), NOW));

        List<Payment> found = payments().findByInvoices(List.of(invoice.id()));
        assertThat(found).hasSize(1);
        assertSame(found.get(0), succeeded);
    }

    @Test
    public void anInvoiceGivenTwiceHasEachOfItsAttemptsOnce() {
        Payment first = insert(aPayment(invoice, 1, card, NOW.minus(days(3))));
        Payment second = insert(aPayment(invoice, 2, card, NOW));

        assertThat(payments().findByInvoices(List.of(invoice.id(), invoice.id()))).extracting(Payment::id)
                .containsExactly(first.id(), second.id());
    }

    @Test
    public void findByNoOrUnknownInvoicesFindsNothing() {
        insert(aPayment(invoice, 1, card, NOW));

        assertThat(payments().findByInvoices(List.of())).isEmpty();
        assertThat(payments().findByInvoices(Set.of())).isEmpty();
        assertThat(payments().findByInvoices(List.of(InvoiceId.random()))).isEmpty();
        assertThat(payments().findByInvoices(List.of(secondInvoice.id()))).isEmpty();
    }

    @Test
    public void findAllByIdempotencyKeyFindsTheStoredPaymentsAsFindByIdempotencyKeyDoesEachOnce() {
        Payment declined = insert(aPayment(invoice, 1, card, Instant.parse("2026-02-28T23:59:59.999999Z"))
                .withOutcome(new ChargeOutcome.Declined(ChargeReference.of("pi_3N9xYz"),
                        DeclineCode.of("expired_card"), "Your card has expired."),
                        NOW.plus(MICROSECOND)));
        Payment withoutMethod = insert(aPayment(secondInvoice, 1, null, NOW));
        Payment updated = payments().update(insert(aPayment(invoiceOfChild, 1, card, NOW))
                .withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_child")), NOW.plus(days(1))));
        Payment notAsked = insert(aPayment(invoice, 2, card, NOW.plus(days(3))));

        List<Payment> found = payments().findAllByIdempotencyKey(List.of(updated.idempotencyKey(),
                IdempotencyKey.forAttempt(invoice.id(), 3), declined.idempotencyKey(), withoutMethod.idempotencyKey(),
                IdempotencyKey.of("never-used"), declined.idempotencyKey(), updated.idempotencyKey()));

        assertSameInAnyOrder(found, List.of(declined, withoutMethod, updated));
        assertSameInAnyOrder(found, Stream.of(declined, withoutMethod, updated)
                .map(payment -> payments().findByIdempotencyKey(payment.idempotencyKey()).orElseThrow()).toList());
        assertThat(found).extracting(Payment::id).doesNotContain(notAsked.id());
    }

    @Test
    public void findAllByIdempotencyKeyOfNoOrUnknownKeysFindsNothing() {
        insert(aPayment(invoice, 1, card, NOW));

        assertThat(payments().findAllByIdempotencyKey(List.of())).isEmpty();
        assertThat(payments().findAllByIdempotencyKey(Set.of())).isEmpty();
        assertThat(payments().findAllByIdempotencyKey(List.of(IdempotencyKey.forAttempt(invoice.id(), 2),
                IdempotencyKey.of("never-used"))))
                .isEmpty();
    }

    @Test
    public void insertAllStoresEveryPaymentAtVersionOneInTheGivenOrder() {
        List<Payment> attempts = List.of(
                aPayment(invoice, 2, card,
                        NOW).withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_pending")), NOW),
                aPayment(invoiceOfChild, 1, null, NOW.plus(MICROSECOND)),
                aPayment(invoice, 1, card, NOW.minus(days(3))).withOutcome(
                        new ChargeOutcome.Declined(null, DeclineCode.of("card_declined"), "The bank said \"no\"."),
                        NOW),
                new Payment(PaymentId.random(), secondInvoice.id(), company.id(), 1,
                        IdempotencyKey.of("yen-attempt-1"), money("1883", "JPY"), card.id(),
                        card.providerReference(), PaymentStatus.SUCCEEDED, ChargeReference.of("pi_yen"), null, null,
                        null, NOW, NOW, 0));

        List<Payment> stored = payments().insertAll(attempts);

        assertThat(stored).hasSameSizeAs(attempts);
        for (int i = 0; i < attempts.size(); i++) {
            assertSame(stored.get(i), attempts.get(i).withVersion(1));
            assertFound(attempts.get(i).withVersion(1));
        }
        assertThat(payments().findByInvoices(List.of(invoice.id()))).extracting(Payment::attempt)
                .containsExactly(1, 2);
    }

    @Test
    public void insertAllOfNoPaymentsStoresNothing() {
        assertThat(payments().insertAll(List.of())).isEmpty();

        assertThat(payments().findByInvoices(List.of(invoice.id(), secondInvoice.id(), invoiceOfChild.id())))
                .isEmpty();
    }

    @ParameterizedTest(name = "taken {0}")
    @ValueSource(strings = {"id", "idempotency key"})
    public void aPaymentWithATakenKeyInInsertAllIsRefusedAndTheRolledBackTransactionStoresNoneOfTheBatch(
            String taken) {
        Payment existing = insert(aPayment(invoice, 1, card, NOW));
        Payment before = aPayment(secondInvoice, 1, card, NOW);
        Payment clashing = taken.equals("id")
                ? new Payment(existing.id(), invoice.id(), company.id(), 2, IdempotencyKey.forAttempt(invoice.id(), 2),
                        invoice.total(), null, null, PaymentStatus.UNKNOWN, null, null, null, null, NOW, NOW, 0)
                : aPayment(invoice, 1, null, NOW.plus(days(1)));
        Payment after = aPayment(invoiceOfChild, 1, null, NOW);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> storage.inTransaction(
                () -> payments().insertAll(List.of(before, clashing, after))));

        assertFound(existing);
        assertThat(payments().findByIdempotencyKey(before.idempotencyKey())).isEmpty();
        assertThat(payments().findByIdempotencyKey(after.idempotencyKey())).isEmpty();
        assertThat(payments().findByIdempotencyKey(IdempotencyKey.forAttempt(invoice.id(), 2))).isEmpty();
        assertThat(payments().findByInvoices(List.of(invoice.id(), secondInvoice.id(), invoiceOfChild.id())))
                .extracting(Payment::id).containsExactly(existing.id());
    }

    @Test
    public void insertAllAndFindAllByIdempotencyKeyTakeMorePaymentsThanOneQueryTakes() {
        List<Payment> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= ContractData.MORE_KEYS_THAN_ONE_QUERY_TAKES; attempt++) {
            Invoice charged = attempt % 2 == 0 ? invoice : invoiceOfChild;
            attempts.add(aPayment(charged, attempt, attempt % 3 == 0 ? null : card, NOW.plus(MICROSECOND
                    .multipliedBy(attempt))));
        }
        List<IdempotencyKey> asked = new ArrayList<>();
        for (Payment payment : attempts) {
            asked.add(payment.idempotencyKey());
            asked.add(IdempotencyKey.forAttempt(secondInvoice.id(), payment.attempt()));
        }
        asked.add(attempts.get(0).idempotencyKey());

        List<Payment> stored = payments().insertAll(attempts);
        List<Payment> found = payments().findAllByIdempotencyKey(asked);

        assertThat(stored).extracting(Payment::id).containsExactlyElementsOf(attempts.stream().map(Payment::id)
                .toList());
        assertSameInAnyOrder(found, attempts.stream().map(payment -> payment.withVersion(1)).toList());
    }

    @Test
    public void updateAllIncrementsEachVersionAndAnswersThePaymentsInTheGivenOrder() {
        Payment unknown = insert(aPayment(invoice, 1, card, NOW));
        Payment pending = payments().update(insert(aPayment(secondInvoice, 1, card, NOW))
                .withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_2")), NOW.plus(days(1))));
        Payment ofChild = insert(aPayment(invoiceOfChild, 1, null, NOW));
        List<Payment> changed = List.of(
                pending.withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_2")),
                        NOW.plus(days(2)).plus(MICROSECOND)),
                unknown.withOutcome(new ChargeOutcome.Declined(ChargeReference.of("pi_1"),
                        DeclineCode.of("insufficient_funds"), "Not enough."),
                        NOW.plus(days(1))),
                ofChild.withOutcome(new ChargeOutcome.Unknown("Read timed out"), NOW.plus(MICROSECOND)));

        List<Payment> updated = payments().updateAll(changed);

        assertThat(updated).hasSameSizeAs(changed);
        assertSame(updated.get(0), changed.get(0).withVersion(3));
        assertSame(updated.get(1), changed.get(1).withVersion(2));
        assertSame(updated.get(2), changed.get(2).withVersion(2));
        updated.forEach(this::assertFound);
        assertThat(updated).extracting(Payment::status).containsExactly(PaymentStatus.SUCCEEDED,
                PaymentStatus.DECLINED, PaymentStatus.UNKNOWN);
    }

    @Test
    public void updateAllOfNoPaymentsChangesNothing() {
        Payment stored = insert(aPayment(invoice, 1, card, NOW));

        assertThat(payments().updateAll(List.of())).isEmpty();
        assertFound(stored);
    }

    @Test
    public void aStalePaymentInUpdateAllIsRefusedAndTheRolledBackTransactionChangesNoneOfThem() {
        Payment first = insert(aPayment(invoice, 1, card, NOW));
        Payment read = insert(aPayment(secondInvoice, 1, card, NOW));
        Payment last = insert(aPayment(invoiceOfChild, 1, null, NOW));
        Payment current = payments().update(read.withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_2")),
                NOW.plus(days(1))));
        ChargeOutcome succeeded = new ChargeOutcome.Succeeded(ChargeReference.of("pi_x"));
        List<Payment> batch = List.of(first.withOutcome(succeeded, NOW.plus(days(2))),
                read.withOutcome(succeeded, NOW.plus(days(2))), last.withOutcome(succeeded, NOW.plus(days(2))));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> storage.inTransaction(() -> payments().updateAll(batch)));

        assertFound(first);
        assertFound(current);
        assertFound(last);
    }

    @Test
    public void anUnknownPaymentInUpdateAllIsRefusedAsNotFoundAndTheRolledBackTransactionChangesNoneOfThem() {
        Payment first = insert(aPayment(invoice, 1, card, NOW));
        Payment last = insert(aPayment(invoiceOfChild, 1, null, NOW));
        Payment neverStored = aPayment(secondInvoice, 1, card, NOW).withVersion(1);
        ChargeOutcome succeeded = new ChargeOutcome.Succeeded(ChargeReference.of("pi_x"));
        List<Payment> batch = List.of(first.withOutcome(succeeded, NOW.plus(days(2))),
                neverStored.withOutcome(succeeded, NOW.plus(days(2))), last.withOutcome(succeeded, NOW.plus(days(2))));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> storage.inTransaction(() -> payments().updateAll(batch)));

        assertFound(first);
        assertFound(last);
        assertThat(payments().findByIdempotencyKey(neverStored.idempotencyKey())).isEmpty();
    }

    /** Asserts that {@code actual} holds the payments of {@code expected}, each once with every field, in any order. */
    private static void assertSameInAnyOrder(List<Payment> actual, List<Payment> expected) {
        assertThat(actual).extracting(Payment::id).containsExactlyInAnyOrderElementsOf(expected.stream()
                .map(Payment::id).toList());
        Map<PaymentId, Payment> byId = actual.stream().collect(Collectors.toMap(Payment::id, payment -> payment));
        expected.forEach(payment -> assertSame(byId.get(payment.id()), payment));
    }

    /** Asserts that each invoice's attempts form one run, without attempts of another invoice among them. */
    private static void assertAttemptsTogether(List<Payment> payments) {
        List<InvoiceId> runs = new ArrayList<>();
        for (Payment payment : payments) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(payment.invoiceId())) {
                runs.add(payment.invoiceId());
            }
        }
        assertThat(runs).as("invoices in the order their attempts come").doesNotHaveDuplicates();
    }

    private static Map<InvoiceId, List<Payment>> byInvoice(List<Payment> payments) {
        Map<InvoiceId, List<Payment>> byInvoice = new LinkedHashMap<>();
        payments.forEach(payment -> byInvoice.computeIfAbsent(payment.invoiceId(), id -> new ArrayList<>())
                .add(payment));
        return byInvoice;
    }

    private void assertFound(Payment expected) {
        assertThat(payments().findByIdempotencyKey(expected.idempotencyKey())).as("payment %s", expected.id())
                .isPresent();
        assertSame(payments().findByIdempotencyKey(expected.idempotencyKey()).orElseThrow(), expected);
    }

    private static void assertSame(Payment actual, Payment expected) {
        assertThat(actual).as("payment %s", expected.id()).usingRecursiveComparison(BY_VALUE).isEqualTo(expected);
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
