/**
 * Invoices: issued in advance for each billing period, numbered without gaps when finalized,
 * immutable from then on; the billing history and invoice documents,
 * {@link org.billingsdk.core.invoice.Invoices}.
 */
package org.billingsdk.core.invoice;

import org.billingsdk.core.history.Invoices;
