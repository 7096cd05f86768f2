/**
 * Corrections of issued invoices and the money they give back: credit notes (their own gapless
 * series, lines reversing invoice lines in full or in part with the original VAT, a reason, a cap),
 * what each credit does (reduce an open invoice's amount due, refund to the payment method, or go
 * to the credit balance), and the credit balance: a ledger per company and currency that never
 * goes negative and is applied to the next invoices before they are charged. Obtained from
 * {@code Billing.credits()}.
 */
package org.billingsdk.core.credit;
