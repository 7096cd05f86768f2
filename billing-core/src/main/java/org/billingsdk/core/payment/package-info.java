/**
 * Payment methods (card, SEPA Direct Debit, SEPA via iDEAL) and payments: attempts to charge an
 * invoice, their outcomes as data, and the dunning that follows a failure; and the provider's
 * references and small values (ids, idempotency keys, decline codes, last fours, client secrets),
 * each a record that checks its text.
 */
package org.billingsdk.core.payment;
