/**
 * The ports adapters implement: {@link org.billingsdk.core.port.Storage} and its stores, the
 * host's {@link org.billingsdk.core.port.ProductEnvironments} and
 * {@link org.billingsdk.core.port.EventSink}. Each comes with a contract suite in billing-core's
 * test jar that an implementation runs to prove itself.
 */
package org.billingsdk.core.port;
