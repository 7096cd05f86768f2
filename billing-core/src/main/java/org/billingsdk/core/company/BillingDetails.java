package org.billingsdk.core.company;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.billingsdk.core.validation.PlainText;

/**
 * Where and how a company is billed; immutable. Validated when it is given to an operation, so
 * that every problem is named at once.
 *
 * @param billingEmail where billing communications go, or {@code null} to use the main email; an
 *     email address of at most 254 characters
 * @param vatNumber the VAT number with its country prefix (format and check digits are checked for
 *     every EU member state), or {@code null}; separators and lower case are accepted
 * @param billingAddress required; its country decides the VAT treatment
 * @param shippingAddress optional, or {@code null}
 */
public record BillingDetails(
        @Email @Size(max = 254) @PlainText(formatCharacters = false) String billingEmail,
        @ValidVatNumber String vatNumber,
        @NotNull @Valid Address billingAddress,
        @Valid Address shippingAddress) {

    /** {@return a builder with every field empty} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The billing email as a value, once validated: trimmed, as {@link #normalized()} stores it.
     *
     * @return the billing email, or empty when none is given (null or blank)
     * @throws IllegalArgumentException if the billing email is no email address; never for details
     *     that passed validation
     */
    public Optional<EmailAddress> email() {
        return billingEmail == null || billingEmail.isBlank() ? Optional.empty()
                : Optional.of(EmailAddress.of(billingEmail.trim()));
    }

    /**
     * The VAT number as a value, once validated.
     *
     * @return the normalized VAT number, or empty when none is given
     * @throws IllegalArgumentException if the VAT number is invalid; never for details that passed validation
     */
    public Optional<VatNumber> vat() {
        return vatNumber == null || vatNumber.isBlank() ? Optional.empty() : Optional.of(VatNumber.of(vatNumber));
    }

    /**
     * The same details trimmed, the VAT number in its normalized form, empty fields as {@code null}:
     * what the operations store.
     *
     * @return the normalized copy
     * @throws IllegalArgumentException if the VAT number is invalid; never for details that passed validation
     */
    public BillingDetails normalized() {
        String email = billingEmail == null || billingEmail.isBlank() ? null : billingEmail.trim();
        String vat = vatNumber == null || vatNumber.isBlank() ? null : VatNumber.of(vatNumber).value();
        return new BillingDetails(email, vat,
                billingAddress == null ? null : billingAddress.normalized(),
                shippingAddress == null ? null : shippingAddress.normalized());
    }

    /** Builds {@link BillingDetails}; not thread-safe. */
    public static final class Builder {
        private String billingEmail;
        private String vatNumber;
        private Address billingAddress;
        private Address shippingAddress;

        private Builder() {
        }

        /**
         * The billing email.
         *
         * @param billingEmail the email, or {@code null} to use the main email
         * @return this builder
         */
        public Builder billingEmail(String billingEmail) {
            this.billingEmail = billingEmail;
            return this;
        }

        /**
         * The VAT number.
         *
         * @param vatNumber with its country prefix, as written; or {@code null}
         * @return this builder
         */
        public Builder vatNumber(String vatNumber) {
            this.vatNumber = vatNumber;
            return this;
        }

        /**
         * The billing address; required by validation.
         *
         * @param billingAddress the address whose country decides the VAT treatment
         * @return this builder
         */
        public Builder billingAddress(Address billingAddress) {
            this.billingAddress = billingAddress;
            return this;
        }

        /**
         * The shipping address.
         *
         * @param shippingAddress the address, or {@code null} for none
         * @return this builder
         */
        public Builder shippingAddress(Address shippingAddress) {
            this.shippingAddress = shippingAddress;
            return this;
        }

        /** {@return the details as set, not validated yet} */
        public BillingDetails build() {
            return new BillingDetails(billingEmail, vatNumber, billingAddress, shippingAddress);
        }
    }
}
