package org.billingsdk.core;

import java.time.Instant;

/**
 * What one billing run did; immutable.
 *
 * @param now the time the run brought everything up to
 * @param subscriptionsExamined subscriptions that had something due
 * @param trialsEnded trials that ended and became paid subscriptions
 * @param contractsRenewed contract terms renewed
 * @param cancellationsTakenEffect scheduled cancellations that took effect
 * @param invoicesIssued invoices issued for billing periods that started
 * @param paymentsSucceeded payment attempts that took the money
 * @param paymentsFailed payment attempts that were declined
 * @param paymentsOutstanding payment attempts pending settlement or with an unknown outcome
 * @param erasuresConfirmed erasures the environments port confirmed during the run
 * @param erasuresPending erasures still waiting for the environments port (retried next run)
 * @param failures subscriptions that could not be advanced (logged; retried next run)
 * @param vatNumbersChecked VAT numbers the register was asked about again, because it had not
 *     answered about them yet (with a {@code VatNumberVerifier} configured)
 */
public record BillingRunReport(
        Instant now,
        int subscriptionsExamined,
        int trialsEnded,
        int contractsRenewed,
        int cancellationsTakenEffect,
        int invoicesIssued,
        int paymentsSucceeded,
        int paymentsFailed,
        int paymentsOutstanding,
        int erasuresConfirmed,
        int erasuresPending,
        int failures,
        int vatNumbersChecked) {

    /**
     * A report without VAT number checks, as runs without a verifier make.
     *
     * @param now the time the run brought everything up to
     * @param subscriptionsExamined subscriptions that had something due
     * @param trialsEnded trials that ended
     * @param contractsRenewed contract terms renewed
     * @param cancellationsTakenEffect scheduled cancellations that took effect
     * @param invoicesIssued invoices issued
     * @param paymentsSucceeded payment attempts that took the money
     * @param paymentsFailed payment attempts that were declined
     * @param paymentsOutstanding payment attempts pending or unknown
     * @param erasuresConfirmed erasures confirmed
     * @param erasuresPending erasures still waiting
     * @param failures subscriptions that could not be advanced
     */
    public BillingRunReport(Instant now, int subscriptionsExamined, int trialsEnded, int contractsRenewed,
            int cancellationsTakenEffect, int invoicesIssued, int paymentsSucceeded, int paymentsFailed,
            int paymentsOutstanding, int erasuresConfirmed, int erasuresPending, int failures) {
        this(now, subscriptionsExamined, trialsEnded, contractsRenewed, cancellationsTakenEffect, invoicesIssued,
                paymentsSucceeded, paymentsFailed, paymentsOutstanding, erasuresConfirmed, erasuresPending, failures,
                0);
    }
}
