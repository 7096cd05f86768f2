/**
 * Payments and payment methods through the official stripe-java: {@link org.billingsdk.stripe.StripePayments}
 * implements the core's {@link org.billingsdk.core.port.PaymentProvider} port, and its
 * {@link org.billingsdk.stripe.StripePayments#webhooks() webhooks()} verify and translate Stripe's
 * webhook deliveries into {@link org.billingsdk.stripe.WebhookOutcome}s. Everything else in the
 * package is package-private machinery.
 *
 * <p>No card number, CVC or IBAN passes through this module: the customer's browser gives them to
 * Stripe (Stripe.js), and the adapter only sees Stripe's ids and display details. API keys and
 * webhook secrets never appear in logs, exception messages or {@code toString()}.
 */
package org.billingsdk.stripe;
