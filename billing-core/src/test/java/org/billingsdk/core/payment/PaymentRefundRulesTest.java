package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aPayment;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aSubscription;
import static org.billingsdk.core.contract.ContractData.anInvoice;

import java.time.Duration;
import java.time.Instant;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link Payment#withRefund} makes of each report of a refund, from each status. */
class PaymentRefundRulesTest {

    private static final Instant LATER = NOW.plus(Duration.ofDays(2));
    private static final RefundReference REFUND = RefundReference.of("re_1");

    private final Company company = aCompany();
    private final Invoice invoice = anInvoice(company, aSubscription(company, aPlan(aProduct())), NOW);
    private final Payment paid = aPayment(invoice, 1, aCard(company, NOW), NOW)
            .withOutcome(new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), NOW);

    @Test
    void aRefundDoneAtOnceMakesThePaidAttemptRefundedWithItsReference() {
        Payment refunded = paid.withRefund(new RefundOutcome.Succeeded(REFUND), LATER);

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundReference()).isEqualTo(REFUND);
        assertThat(refunded.providerReference()).isEqualTo(paid.providerReference());
        assertThat(refunded.updatedAt()).isEqualTo(LATER);
        assertThat(refunded.failureCode()).isNull();
    }

    @Test
    void aRefundUnderWayIsPendingAndAReportOfItAgainChangesNothing() {
        Payment pending = paid.withRefund(new RefundOutcome.Pending(REFUND), LATER);

        assertThat(pending.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(pending.refundReference()).isEqualTo(REFUND);
        assertThat(pending.withRefund(new RefundOutcome.Pending(REFUND), LATER.plusSeconds(60))).isSameAs(pending);
        assertThat(pending.withRefund(new RefundOutcome.Unknown("timed out"), LATER)).isSameAs(pending);
        assertThat(pending.withRefund(new RefundOutcome.Succeeded(REFUND), LATER).status())
                .isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void aRefundUnderWayThatFailsKeepsItsReferenceAndTheReason() {
        Payment pending = paid.withRefund(new RefundOutcome.Pending(REFUND), LATER);

        Payment failed = pending.withRefund(new RefundOutcome.Declined(null, DeclineCode.of("insufficient_funds"),
                "Returned."),
                LATER.plusSeconds(60));

        assertThat(failed.status()).isEqualTo(PaymentStatus.REFUND_FAILED);
        assertThat(failed.refundReference()).isEqualTo(REFUND);
        assertThat(failed.failureCode()).isEqualTo(DeclineCode.of("insufficient_funds"));
        assertThat(failed.message()).isEqualTo("Returned.");
    }

    @Test
    void aRefusalWithoutARefundLeavesThePaidAttemptAsItWasAndARefusedRefundWithAReferenceFails() {
        assertThat(paid.withRefund(new RefundOutcome.Declined(null, DeclineCode.of("charge_disputed"), "Disputed."),
                LATER))
                .isSameAs(paid);
        assertThat(paid.withRefund(new RefundOutcome.Unknown("timed out"), LATER)).isSameAs(paid);
        assertThat(paid.withRefund(new RefundOutcome.Declined(REFUND, DeclineCode.of("refund_failed"), "Failed."),
                LATER).status())
                .isEqualTo(PaymentStatus.REFUND_FAILED);
    }

    @Test
    void aReportOfAnotherRefundThanTheOneUnderWayChangesNothing() {
        Payment pending = paid.withRefund(new RefundOutcome.Pending(REFUND), LATER);
        RefundReference other = RefundReference.of("re_other");

        assertThat(pending.withRefund(new RefundOutcome.Succeeded(other), LATER)).isSameAs(pending);
        assertThat(pending.withRefund(new RefundOutcome.Declined(other, DeclineCode.of("refund_failed"), "Failed."),
                LATER))
                .isSameAs(pending);
    }

    @Test
    void aRefundThatHasEndedIsFinalWhateverIsReportedLater() {
        Payment refunded = paid.withRefund(new RefundOutcome.Succeeded(REFUND), LATER);
        Payment failed = paid.withRefund(new RefundOutcome.Declined(REFUND, DeclineCode.of("refund_failed"),
                "Failed."), LATER);

        for (RefundOutcome late : new RefundOutcome[] {new RefundOutcome.Succeeded(REFUND),
                new RefundOutcome.Pending(REFUND), new RefundOutcome.Declined(REFUND, DeclineCode.of("x"), "y"),
                new RefundOutcome.Unknown("z")}) {
            assertThat(refunded.withRefund(late, LATER.plusSeconds(1))).as("refunded, then %s", late)
                    .isSameAs(refunded);
            assertThat(failed.withRefund(late, LATER.plusSeconds(1))).as("failed, then %s", late).isSameAs(failed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"PENDING", "UNKNOWN", "DECLINED"})
    void anAttemptThatTookNoMoneyIsNeverRefunded(PaymentStatus status) {
        Payment untaken = aPayment(invoice, 1, aCard(company, NOW), NOW);
        Payment attempt = switch (status) {
            case PENDING -> untaken.withOutcome(new ChargeOutcome.Pending(ChargeReference.of("pi_2")), NOW);
            case DECLINED -> untaken.withOutcome(new ChargeOutcome.Declined(null, DeclineCode.of("card_declined"),
                    "No."), NOW);
            default -> untaken;
        };
        assertThat(attempt.status()).isEqualTo(status);

        assertThatIllegalStateException()
                .isThrownBy(() -> attempt.withRefund(new RefundOutcome.Succeeded(REFUND), LATER));
    }

    @Test
    void theRefundKeyIsDerivedFromTheAttemptAndDiffersFromItsChargeKey() {
        assertThat(paid.refundKey()).isEqualTo(paid.refundKey()).isEqualTo(IdempotencyKey.forRefund(paid.id()))
                .isNotEqualTo(paid.idempotencyKey());
    }
}
