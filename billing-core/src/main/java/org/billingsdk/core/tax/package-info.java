/**
 * EU VAT: the rules ({@link org.billingsdk.core.tax.VatRules}), a replaceable rate table
 * ({@link org.billingsdk.core.tax.VatRates}) and the tax line an invoice carries.
 */
package org.billingsdk.core.tax;
