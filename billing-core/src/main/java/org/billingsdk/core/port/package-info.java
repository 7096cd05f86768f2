/**
 * The ports adapters implement: {@link org.billingsdk.core.port.Storage} and its stores, the
 * host's {@link org.billingsdk.core.port.ProductEnvironments}, the
 * {@link org.billingsdk.core.port.PaymentProvider}, the
 * {@link org.billingsdk.core.port.InvoiceRenderer} and the {@link org.billingsdk.core.port.EventSink}.
 * The storage, the environments and the payment provider come with contract suites in
 * billing-core's test jar ({@code org.billingsdk.core.contract}) that an implementation runs to
 * prove itself; a renderer and a sink have no behaviour the SDK relies on beyond their signatures.
 */
package org.billingsdk.core.port;
