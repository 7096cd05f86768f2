/**
 * Invoices: issued in advance for each billing period, numbered without gaps when finalized,
 * immutable from then on. The billing history, invoice documents and what a host does with an
 * issued invoice are in {@code org.billingsdk.core.history}.
 */
package org.billingsdk.core.invoice;
