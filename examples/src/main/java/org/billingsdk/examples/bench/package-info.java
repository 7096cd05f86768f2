/**
 * Benchmarks, run as programs, that measure the billing run against a baseline without the SDK:
 * {@link org.billingsdk.examples.bench.BillingRunBenchmark} on in-memory or streaming storage and
 * {@link org.billingsdk.examples.bench.PostgresBenchmark} on the JDBC adapter with an embedded
 * PostgreSQL. Not part of the SDK's API.
 */
package org.billingsdk.examples.bench;
