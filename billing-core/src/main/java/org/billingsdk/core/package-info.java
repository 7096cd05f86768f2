/**
 * The SDK's entry point, {@link org.billingsdk.core.Billing}, the {@link org.billingsdk.core.Actor}
 * every portal request is made by, and the SDK's errors: refusals as values
 * ({@link org.billingsdk.core.Refusal}) and failures as the unchecked
 * {@link org.billingsdk.core.BillingException} hierarchy.
 */
package org.billingsdk.core;
