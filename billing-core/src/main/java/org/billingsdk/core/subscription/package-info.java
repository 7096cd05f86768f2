/**
 * Subscriptions and their lifecycle: subscribe, cancel (at the trial's or contract term's end, or
 * at once), remove a scheduled cancellation, reactivate, and the portal's list,
 * {@link org.billingsdk.core.subscription.Subscriptions}.
 */
package org.billingsdk.core.subscription;
