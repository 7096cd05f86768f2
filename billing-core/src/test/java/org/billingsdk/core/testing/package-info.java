/**
 * Test helpers published in billing-core's test jar: a clock tests move, a fake environments port,
 * a recording event sink and a ready-made {@link org.billingsdk.core.testing.BillingFixture}.
 */
package org.billingsdk.core.testing;
