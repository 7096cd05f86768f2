package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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
import java.util.List;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceState;
import org.junit.jupiter.api.Test;

/** The rules a payment attempt's outcome is recorded by, and the dunning after a decline, on their own. */
class SettlementTest {

    private static final BillingTerms TERMS = BillingTerms.defaults();
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    private final Company company = aCompany();
    private final Invoice invoice = anInvoice(company, aSubscription(company, aPlan(aProduct())), NOW)
            .attempted(1, NOW.plus(BillingTerms.RECONCILE_UNKNOWN_AFTER));
    private final Payment attempt = aPayment(invoice, 1, aCard(company, NOW), NOW);

    @Test
    void aSuccessOfTheInvoicesCurrentAttemptPaysTheInvoice() {
        Settlement settlement = Settlement.of(attempt, new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")),
                invoice, TERMS, LATER);

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Paid.class, paid -> {
            assertThat(paid.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(paid.payment().providerReference()).isEqualTo(ChargeReference.of("pi_1"));
            assertThat(paid.invoice().state()).isEqualTo(InvoiceState.PAID);
            assertThat(paid.invoice().closedAt()).isEqualTo(LATER);
        });
    }

    @Test
    void anAttemptWithAFinalOutcomeNeverChangesAgain() {
        Payment declined = attempt.withOutcome(new ChargeOutcome.Declined(ChargeReference.of("pi_1"),
                DeclineCode.of("card_declined"), "no"), NOW);

        Settlement settlement = Settlement.of(declined, new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")),
                invoice, TERMS, LATER);

        assertThat(settlement).isEqualTo(new Settlement.Unchanged(declined));
    }

    @Test
    void anOutcomeOfAnAttemptTheInvoiceMovedOnFromRecordsOnlyTheAttempt() {
        Invoice laterAttempt = invoice.attempted(2, LATER);
        Invoice voided = invoice.voided(NOW);

        assertThat(Settlement.of(attempt, new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), laterAttempt,
                TERMS, LATER))
                .isInstanceOfSatisfying(Settlement.AttemptOnly.class,
                        only -> assertThat(only.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED));
        assertThat(Settlement.of(attempt, new ChargeOutcome.Pending(ChargeReference.of("pi_1")), voided, TERMS, LATER))
                .isInstanceOf(Settlement.AttemptOnly.class);
    }

    @Test
    void aPendingAttemptIsAskedAboutAgainADayLaterAndTellsItsEventOnce() {
        Settlement first = Settlement.of(attempt, new ChargeOutcome.Pending(ChargeReference.of("pi_1")), invoice,
                TERMS, LATER);
        Payment pending = first.payment();
        Settlement again = Settlement.of(pending, new ChargeOutcome.Pending(ChargeReference.of("pi_1")), invoice,
                TERMS, LATER);

        assertThat(first).isInstanceOfSatisfying(Settlement.Pending.class, p -> {
            assertThat(p.invoice().nextPaymentAt()).isEqualTo(LATER.plus(Duration.ofDays(1)));
            assertThat(p.invoice().paymentAttempts()).isEqualTo(1);
            assertThat(p.newlyPending()).isTrue();
        });
        assertThat(again).isInstanceOfSatisfying(Settlement.Pending.class, p -> assertThat(p.newlyPending()).isFalse());
    }

    @Test
    void anUnknownOutcomeIsReconciledAnHourLaterUnderTheSameAttempt() {
        Settlement settlement = Settlement.of(attempt, new ChargeOutcome.Unknown("time-out"), invoice, TERMS, LATER);

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Unknown.class, unknown -> {
            assertThat(unknown.invoice().nextPaymentAt()).isEqualTo(LATER.plus(Duration.ofHours(1)));
            assertThat(unknown.invoice().paymentAttempts()).isEqualTo(1);
        });
    }

    @Test
    void aDeclineIsRetriedOnTheScheduleCountedFromTheIssueOrADayLaterWhenThatHasPassed() {
        Instant issued = invoice.issuedAt();

        assertThat(TERMS.afterDecline(1, issued, LATER)).isEqualTo(new Dunning.RetryAt(issued.plus(Duration.ofDays(3))));
        assertThat(TERMS.afterDecline(2, issued, issued.plus(Duration.ofDays(3))))
                .isEqualTo(new Dunning.RetryAt(issued.plus(Duration.ofDays(5))));
        Instant late = issued.plus(Duration.ofDays(6));
        assertThat(TERMS.afterDecline(2, issued, late)).isEqualTo(new Dunning.RetryAt(late.plus(Duration.ofDays(1))));
        assertThat(TERMS.afterDecline(4, issued, late)).isEqualTo(new Dunning.StayPastDue());
        assertThat(TERMS.withAfterLastFailure(DunningPolicy.CANCEL_SUBSCRIPTION).afterDecline(4, issued, late))
                .isEqualTo(new Dunning.GiveUp());
        assertThat(TERMS.withRetryDelays(List.of()).afterDecline(1, issued, late)).isEqualTo(new Dunning.StayPastDue());
    }

    @Test
    void aDeclinePlansTheRetryOnTheInvoiceOrMakesItUncollectibleWhenTheDunningGivesUp() {
        Payment lastAttempt = aPayment(invoice.attempted(4, NOW), 4, aCard(company, NOW), NOW);
        ChargeOutcome declined = new ChargeOutcome.Declined(ChargeReference.of("pi_4"),
                DeclineCode.of("card_declined"), "Your card was declined.");

        Settlement retried = Settlement.of(attempt, declined, invoice, TERMS, LATER);
        Settlement stays = Settlement.of(lastAttempt, declined, invoice.attempted(4, NOW), TERMS, LATER);
        Settlement givenUp = Settlement.of(lastAttempt, declined, invoice.attempted(4, NOW),
                TERMS.withAfterLastFailure(DunningPolicy.CANCEL_SUBSCRIPTION), LATER);

        assertThat(retried).isInstanceOfSatisfying(Settlement.Declined.class, d -> {
            assertThat(d.invoice().state()).isEqualTo(InvoiceState.OPEN);
            assertThat(d.invoice().nextPaymentAt()).isEqualTo(invoice.issuedAt().plus(Duration.ofDays(3)));
            assertThat(d.payment().failureCode()).isEqualTo(DeclineCode.of("card_declined"));
        });
        assertThat(stays).isInstanceOfSatisfying(Settlement.Declined.class, d -> {
            assertThat(d.dunning()).isEqualTo(new Dunning.StayPastDue());
            assertThat(d.invoice().state()).isEqualTo(InvoiceState.OPEN);
            assertThat(d.invoice().nextPaymentAt()).isNull();
        });
        assertThat(givenUp).isInstanceOfSatisfying(Settlement.Declined.class,
                d -> assertThat(d.invoice().state()).isEqualTo(InvoiceState.UNCOLLECTIBLE));
    }

    @Test
    void anOutcomeIsRecordedOnlyAgainstItsOwnInvoice() {
        Invoice other = anInvoice(company, aSubscription(company, aPlan(aProduct())), NOW);

        assertThatIllegalArgumentException().isThrownBy(
                () -> Settlement.of(attempt, new ChargeOutcome.Succeeded(ChargeReference.of("pi_1")), other, TERMS,
                        LATER));
    }
}
