/**
 * The SDK's machinery: no compatibility promise, not for hosts or adapters to call.
 */
package org.billingsdk.core.internal;
