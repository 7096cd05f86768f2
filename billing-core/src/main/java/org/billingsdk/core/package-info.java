/**
 * The SDK's entry point, {@link org.billingsdk.core.Billing}; the vocabulary every package shares:
 * the paging of listings ({@link org.billingsdk.core.Page}), the scope of a company's listings
 * ({@link org.billingsdk.core.Scope}), and the SDK's errors, refusals as values
 * ({@link org.billingsdk.core.Refusal}) and failures as the unchecked
 * {@link org.billingsdk.core.BillingException} hierarchy.
 */
package org.billingsdk.core;
