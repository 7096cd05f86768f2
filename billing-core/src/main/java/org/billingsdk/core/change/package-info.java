/**
 * Changes of plan and quantity: {@link org.billingsdk.core.change.SubscriptionChanges} changes a
 * subscription to another plan of its product or another quantity, now (prorated) or at the end
 * of the period or of the contract term, previews what a change would issue, and revokes a
 * scheduled change. A change keeps the subscription's id and environment: nothing is erased.
 *
 * <p>The rules (which timing, when a change is refused) are
 * {@link org.billingsdk.core.subscription.Subscription#decideChange}; what an immediate change
 * credits and charges is {@link org.billingsdk.core.credit.Creditable#unusedTime} and
 * {@link org.billingsdk.core.invoice.Invoice#draftForRest}. This package comes after the invoice
 * and credit packages because its results name the invoices and credit notes a change issues.
 */
package org.billingsdk.core.change;
