package org.billingsdk.core.payment;

import java.util.Objects;

/**
 * What the portal shows of a payment method: never a full card number, CVC or IBAN, only what the
 * provider returns for display. Immutable.
 */
public sealed interface MethodDetails {

    /**
     * A short line for people, such as {@code visa ending 4242, expires 12/2030}.
     *
     * @return the line, in English, with nothing a customer must keep secret
     */
    String display();

    /**
     * A card: brand, last four digits and expiry.
     *
     * @param brand the brand as the provider names it, such as {@code visa}
     * @param last4 the last four digits of the card number
     * @param expMonth the expiry month, 1 to 12
     * @param expYear the expiry year, four digits
     */
    record Card(String brand, Last4 last4, int expMonth, int expYear) implements MethodDetails {
        /**
         * Checks the details; nothing more than the last four digits may be kept ({@link Last4}
         * checks them).
         *
         * @param brand not {@code null}
         * @param last4 not {@code null}
         * @param expMonth 1 to 12
         * @param expYear 2000 to 2200
         * @throws IllegalArgumentException if the expiry is out of form
         * @throws NullPointerException if {@code brand} or {@code last4} is {@code null}
         */
        public Card {
            Objects.requireNonNull(brand, "brand");
            Objects.requireNonNull(last4, "last4");
            if (expMonth < 1 || expMonth > 12 || expYear < 2000 || expYear > 2200) {
                throw new IllegalArgumentException("card expiry must be a month 1-12 of a four-digit year");
            }
        }

        @Override
        public String display() {
            return brand + " ending " + last4.value() + ", expires " + String.format("%02d/%d", expMonth, expYear);
        }
    }

    /**
     * A SEPA Direct Debit mandate: bank, last four characters of the IBAN and the mandate reference.
     *
     * @param bankName the bank's name as the provider gives it
     * @param ibanLast4 the last four characters of the IBAN
     * @param mandateReference the mandate, as the provider names it
     * @param viaIdeal whether it was set up through an iDEAL payment
     */
    record SepaDebit(String bankName, Last4 ibanLast4, MandateReference mandateReference, boolean viaIdeal)
            implements MethodDetails {
        /**
         * Checks that the details are given; nothing more than the last four characters of the
         * IBAN may be kept ({@link Last4} checks them).
         *
         * @param bankName not {@code null}
         * @param ibanLast4 not {@code null}
         * @param mandateReference not {@code null}
         * @param viaIdeal not checked
         * @throws NullPointerException if {@code bankName}, {@code ibanLast4} or {@code mandateReference}
         *     is {@code null}
         */
        public SepaDebit {
            Objects.requireNonNull(bankName, "bankName");
            Objects.requireNonNull(ibanLast4, "ibanLast4");
            Objects.requireNonNull(mandateReference, "mandateReference");
        }

        @Override
        public String display() {
            return "SEPA Direct Debit " + bankName + " ending " + ibanLast4.value() + (viaIdeal ? " (via iDEAL)" : "");
        }
    }
}
