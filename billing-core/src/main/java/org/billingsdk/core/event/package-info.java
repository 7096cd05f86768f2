/**
 * The domain events the SDK emits for every change, delivered at least once to the host's
 * {@link org.billingsdk.core.port.EventSink}.
 */
package org.billingsdk.core.event;
