/**
 * A custom adapter as a host would write one: {@link org.billingsdk.examples.adapter.HttpProvisioningEnvironments},
 * the environments port over a provisioning service's HTTP API, proven by billing-core's published
 * contract suite in its tests.
 */
package org.billingsdk.examples.adapter;
