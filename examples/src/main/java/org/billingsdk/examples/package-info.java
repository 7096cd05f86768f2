/** Runnable programs that show the SDK's features; start with {@link org.billingsdk.examples.PortalTour}. */
package org.billingsdk.examples;
