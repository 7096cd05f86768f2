package org.billingsdk.core;

/**
 * The stable reasons a business action can be refused for. Each reaches a host one way only:
 * <ul>
 *   <li>{@link #PARTNER_MANAGED}, which is about who may act, is thrown as {@link RefusedException}
 *       by every operation, as {@link NotFoundException} is;
 *   <li>a refusal of the action itself is the command's result where its result type has a
 *       refused case ({@code CancelResult}, {@code RemoveCancellationResult}, {@code ReactivateResult},
 *       {@code SetupOutcome}), and is thrown as {@link RefusedException} by the commands that
 *       answer a plain value ({@code Accounts.move}, {@code Invoices.voidInvoice}, {@code Invoices.refund}).
 * </ul>
 */
public enum RefusalCode {
    /**
     * Cancelling requires the caller to acknowledge that all linked data will be erased. Answered by {@code cancel}.
     */
    ERASURE_NOT_ACKNOWLEDGED,
    /** The subscription is already cancelled. Answered by {@code cancel} and {@code removeScheduledCancellation}. */
    ALREADY_CANCELLED,
    /** There is no scheduled cancellation to remove. Answered by {@code removeScheduledCancellation}. */
    NOTHING_SCHEDULED,
    /**
     * The scheduled cancellation's date has passed: it can no longer be removed. Answered by
     * {@code removeScheduledCancellation}.
     */
    CANCELLATION_DUE,
    /** Only a cancelled subscription can be reactivated. Answered by {@code reactivate}. */
    NOT_CANCELLED,
    /** The cancelled subscription already has a live successor. Answered by {@code reactivate}. */
    ALREADY_REACTIVATED,
    /** The company's billing is run by a partner, not through this portal. Thrown by every operation. */
    PARTNER_MANAGED,
    /** The change would make a company its own ancestor. Thrown by {@code Accounts.move}. */
    HIERARCHY_CYCLE,
    /** A company's payer must be the company itself or one of its ancestors. Thrown by {@code Accounts.setPayer}. */
    PAYER_NOT_AN_ANCESTOR,
    /**
     * The payer chosen has its own bills paid by another company: choose that one. Thrown by
     * {@code Accounts.setPayer}.
     */
    PAYER_PAID_FOR_BY_ANOTHER,
    /**
     * The company pays for others, so another cannot pay for it: their payer would change too.
     * Thrown by {@code Accounts.setPayer}.
     */
    PAYS_FOR_OTHERS,
    /**
     * Another company pays for this one, so its subscriptions are billed on that company's billing
     * day, not one of its own. Thrown by {@code Accounts.setBillingDay}.
     */
    PAID_FOR_BY_ANOTHER,
    /** The payment provider refused to set the payment method up. Answered by {@code completeSetup}. */
    PAYMENT_METHOD_SETUP_FAILED,
    /**
     * A paid invoice cannot be voided, nor have its amount due reduced (its credit is refunded or
     * goes to the balance). Thrown by {@code voidInvoice} and {@code Credits.issue}.
     */
    INVOICE_PAID,
    /**
     * The invoice is void or uncollectible already (for {@code voidInvoice}), or void (for
     * {@code Credits.issue}: a void invoice holds nothing to credit). Thrown by both.
     */
    INVOICE_CLOSED,
    /**
     * Only a paid invoice can be refunded, or have its credit go to the balance (an unpaid one has
     * its amount due reduced). Thrown by {@code refund} and {@code Credits.issue}.
     */
    INVOICE_NOT_PAID,
    /** The payment provider refused the refund. Thrown by {@code refund}. */
    REFUND_REFUSED,
    /**
     * The credit asked for exceeds what the invoice (or one of its lines) still holds after earlier
     * credit notes. Thrown by {@code Credits.issue}.
     */
    EXCEEDS_CREDITABLE,
    /**
     * A refund to the payment method asked for more than the invoice's payments took and has not
     * been refunded or asked to be refunded (what the credit balance settled is never refundable to a
     * card). Thrown by {@code Credits.issue}.
     */
    EXCEEDS_REFUNDABLE,
    /** A change names the plan and quantity the subscription already has. */
    SAME_PLAN_AND_QUANTITY,
    /** A change names a plan of another product; that is a new subscription, with its own environment. */
    OTHER_PRODUCT,
    /** A change names a plan priced in another currency; a subscription keeps its currency. */
    OTHER_CURRENCY,
    /** The quantity is below the plan's minimum or above its maximum. */
    QUANTITY_OUT_OF_RANGE,
    /** Under a contract a downgrade or a lower quantity waits for the term's end ({@code END_OF_TERM}). */
    COMMITTED_UNTIL_TERM_END,
    /** A cancellation is scheduled; remove it before changing the subscription. */
    CANCELLATION_SCHEDULED,
    /** The subscription is past due: no immediate change until its debt is paid (a scheduled one is allowed). */
    PAST_DUE,
    /** {@code END_OF_TERM} was asked of a subscription under no contract. */
    NOT_UNDER_CONTRACT,
    /** The environments port refused the change; the refusal's message gives its reason. */
    ENVIRONMENT_REFUSED,
    /** There is no scheduled change to revoke. */
    NO_CHANGE_SCHEDULED
}
