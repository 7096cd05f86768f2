/**
 * A scriptable, simulated payment provider for tests and examples:
 * {@link org.billingsdk.core.simulation.SimulatedPaymentProvider}.
 */
package org.billingsdk.core.simulation;
