/**
 * The portal's billing history and what is done with an issued invoice: the {@link Invoices}
 * facade (the history, an invoice's detail and document, a preview, paying now, voiding,
 * refunding), its rows and the default HTML document. It sits below {@code invoice} and
 * {@code payment} because a row of the history shows an invoice with its payment attempts.
 */
package org.billingsdk.core.history;
