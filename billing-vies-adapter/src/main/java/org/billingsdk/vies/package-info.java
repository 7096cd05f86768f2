/**
 * VAT number verification with VIES, the EU's VAT Information Exchange System:
 * {@link org.billingsdk.vies.ViesVatNumberVerifier}, an adapter of billing-core's
 * {@code VatNumberVerifier} port over the JDK's HTTP client.
 */
package org.billingsdk.vies;
