/**
 * Payments and payment methods through the official stripe-java. This module is being built.
 */
package org.billingsdk.stripe;
