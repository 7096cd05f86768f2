package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aCreditNote;
import static org.billingsdk.core.contract.ContractData.aPayment;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;
import static org.billingsdk.core.contract.ContractData.eur;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.Refund;
import org.billingsdk.core.credit.RefundId;
import org.billingsdk.core.credit.RefundStatus;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.port.RefundStore;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link RefundStore}: refunds round-trip with every field (the amount's currency
 * and exact value, the provider's reference and code and the message verbatim or {@code null},
 * instants to the microsecond); an id or an idempotency key is taken once; writes are versioned as
 * companies' are; an invoice's refunds come oldest first; {@code findRequested} answers the
 * refunds still {@code REQUESTED} that last changed before an instant, oldest change first; a
 * rolled-back transaction keeps none. Run it with one subclass per storage, as the other suites.
 */
public abstract class RefundStoreContract extends StorageContract {

    private Company company;
    private Subscription subscription;
    private int periods;

    @BeforeEach
    public final void insertACompanyAndItsSubscription() {
        company = storage.companies().insert(aCompany("Acme"));
        Product product = aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = aPlan(product);
        storage.catalog().insertPlan(plan);
        subscription = storage.subscriptions().insert(aSubscription(company, plan, NOW.minus(Duration.ofDays(400))));
    }

    private RefundStore refunds() {
        return storage.refunds();
    }

    /** A {@code REQUESTED} refund of {@code amount} of a new paid invoice's payment, by a new credit note. */
    private Refund aRefund(MonetaryAmount amount, Instant at) {
        Invoice invoice = storage.invoices().insert(anInvoice(company, subscription,
                NOW.plus(Duration.ofDays(31L * periods++))).paid(NOW));
        Payment payment = storage.payments().insert(aPayment(invoice, 1, null, NOW));
        CreditNote note = storage.creditNotes().insert(aCreditNote(invoice, NOW));
        return new Refund(RefundId.random(), note.id(), invoice.id(), company.id(), payment.id(),
                payment.idempotencyKey(), ChargeReference.of("pi_" + periods), amount, Refund.keyOf(note.id()),
                RefundStatus.REQUESTED, null, null, null, at, at, 0);
    }

    private static Refund failed(Refund refund, Instant at) {
        return new Refund(refund.id(), refund.creditNoteId(), refund.invoiceId(), refund.companyId(),
                refund.paymentId(), refund.chargeKey(), refund.chargeReference(), refund.amount(),
                refund.idempotencyKey(), RefundStatus.FAILED, RefundReference.of("re_3N9xZb"),
                DeclineCode.of("insufficient_funds"), "The bank returned the refund.", refund.createdAt(), at,
                refund.version());
    }

    @Test
    public void aRefundRoundTripsWithAndWithoutItsOptionalFieldsAndIsFoundByItsKey() {
        Refund requested = aRefund(eur("12.10"), NOW.plus(MICROSECOND));

        Refund stored = refunds().insert(requested);
        Refund ended = refunds().update(failed(stored, NOW.plus(MICROSECOND.multipliedBy(2))));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(ended.version()).isEqualTo(2);
        assertSame(refunds().findByIdempotencyKey(requested.idempotencyKey()).orElseThrow(), ended);
        assertThat(ended).hasNoNullFieldsOrProperties();
        assertThat(refunds().findByIdempotencyKey(IdempotencyKey.of("credit-note-unknown-refund"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void theProvidersMessageIsKeptVerbatim(String message) {
        Refund stored = refunds().insert(aRefund(eur("1.00"), NOW));
        Refund failed = failed(stored, NOW);
        Refund withMessage = new Refund(failed.id(), failed.creditNoteId(), failed.invoiceId(), failed.companyId(),
                failed.paymentId(), failed.chargeKey(), failed.chargeReference(), failed.amount(),
                failed.idempotencyKey(), failed.status(), failed.reference(), failed.failureCode(), message,
                failed.createdAt(), failed.updatedAt(), failed.version());

        refunds().update(withMessage);

        assertThat(refunds().findByIdempotencyKey(stored.idempotencyKey()).orElseThrow().message()).isEqualTo(message);
    }

    @Test
    public void anIdAndAKeyAreTakenOnce() {
        Refund first = refunds().insert(aRefund(eur("1.00"), NOW));
        Refund other = aRefund(eur("2.00"), NOW);
        Refund sameId = new Refund(first.id(), other.creditNoteId(), other.invoiceId(), other.companyId(),
                other.paymentId(), other.chargeKey(), other.chargeReference(), other.amount(), other.idempotencyKey(),
                other.status(), null, null, null, NOW, NOW, 0);
        Refund sameKey = new Refund(RefundId.random(), other.creditNoteId(), other.invoiceId(), other.companyId(),
                other.paymentId(), other.chargeKey(), other.chargeReference(), other.amount(), first.idempotencyKey(),
                other.status(), null, null, null, NOW, NOW, 0);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> refunds().insert(sameId));
        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> refunds().insert(sameKey));
        assertThat(refunds().findByInvoice(other.invoiceId())).isEmpty();
    }

    @Test
    public void aStaleOrMissingRefundIsNotUpdated() {
        Refund stored = refunds().insert(aRefund(eur("1.00"), NOW));
        refunds().update(failed(stored, NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> refunds().update(failed(stored, NOW.plus(MICROSECOND))));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> refunds().update(failed(aRefund(
                eur("1.00"), NOW), NOW).withVersion(1)));
        assertThat(refunds().findByIdempotencyKey(stored.idempotencyKey()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    public void anInvoicesRefundsComeOldestFirst() {
        Refund first = aRefund(eur("1.00"), NOW);
        Refund later = new Refund(RefundId.random(), first.creditNoteId(), first.invoiceId(), first.companyId(),
                first.paymentId(), first.chargeKey(), first.chargeReference(), eur("2.00"),
                IdempotencyKey.of("credit-note-second-refund"), RefundStatus.REQUESTED, null, null, null,
                NOW.plus(MICROSECOND), NOW.plus(MICROSECOND), 0);
        refunds().insert(later);
        refunds().insert(first);
        refunds().insert(aRefund(eur("3.00"), NOW));

        assertThat(refunds().findByInvoice(first.invoiceId())).extracting(Refund::id)
                .containsExactly(first.id(), later.id());
        assertThat(refunds().findByInvoice(InvoiceId.random())).isEmpty();
    }

    @Test
    public void theRequestedRefundsThatLastChangedBeforeAnInstantComeOldestChangeFirst() {
        Refund oldest = refunds().insert(aRefund(eur("1.00"), NOW.minus(Duration.ofHours(3))));
        Refund older = refunds().insert(aRefund(eur("1.00"), NOW.minus(Duration.ofHours(2))));
        refunds().insert(aRefund(eur("1.00"), NOW));
        Refund ended = refunds().insert(aRefund(eur("1.00"), NOW.minus(Duration.ofHours(4))));
        refunds().update(failed(ended, NOW.minus(Duration.ofHours(4))));

        assertThat(refunds().findRequested(NOW, 10)).extracting(Refund::id).containsExactly(oldest.id(), older.id());
        assertThat(refunds().findRequested(NOW, 1)).extracting(Refund::id).containsExactly(oldest.id());
        assertThat(refunds().findRequested(NOW.minus(Duration.ofHours(3)), 10)).isEmpty();
    }

    @Test
    public void aRolledBackTransactionKeepsNoRefund() {
        Refund refund = aRefund(eur("1.00"), NOW);

        try {
            storage.inTransaction(() -> {
                refunds().insert(refund);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(refunds().findByIdempotencyKey(refund.idempotencyKey())).isEmpty();
    }

    private static void assertSame(Refund actual, Refund expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType((a, b) -> a.getCurrency().equals(b.getCurrency())
                        && a.getNumber().numberValue(BigDecimal.class).compareTo(b.getNumber()
                        .numberValue(BigDecimal.class)) == 0 ? 0 : 1, MonetaryAmount.class)
                .isEqualTo(expected);
    }
}
