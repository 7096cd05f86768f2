/**
 * Payment methods (card, SEPA Direct Debit, SEPA via iDEAL) and payments: attempts to charge an
 * invoice, their outcomes as data, and the dunning that follows a failure.
 */
package org.billingsdk.core.payment;
