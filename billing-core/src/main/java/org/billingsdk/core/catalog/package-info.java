/**
 * The catalog: products (the "product details" the portal shows) and plans (price as a
 * {@link javax.money.MonetaryAmount}, billing interval, trial and contract term).
 */
package org.billingsdk.core.catalog;
