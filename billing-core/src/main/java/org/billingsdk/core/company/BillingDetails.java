package org.billingsdk.core.company;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.billingsdk.core.validation.PlainText;
import org.billingsdk.core.validation.ValidVatNumber;

/**
 * Where and how a company is billed; immutable. Validated when it is given to an operation, so
 * that every problem is named at once.
 *
 * @param billingEmail where billing communications go, or {@code null} to use the main email
 * @param vatNumber the VAT number with its country prefix (format and check digits are checked for
 *     every EU member state), or {@code null}
 * @param billingAddress required; its country decides the VAT treatment
 * @param shippingAddress optional, or {@code null}
 */
public record BillingDetails(
        @Email @Size(max = 254) @PlainText(formatCharacters = false) String billingEmail,
        @ValidVatNumber String vatNumber,
        @NotNull @Valid Address billingAddress,
        @Valid Address shippingAddress) {

    public static Builder builder() {
        return new Builder();
    }

    /** The VAT number as a value, once validated. */
    public Optional<VatNumber> vat() {
        return vatNumber == null || vatNumber.isBlank() ? Optional.empty() : Optional.of(VatNumber.of(vatNumber));
    }

    /** The same details trimmed, the VAT number in its normalized form, empty fields as {@code null}. */
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

        public Builder billingEmail(String billingEmail) {
            this.billingEmail = billingEmail;
            return this;
        }

        public Builder vatNumber(String vatNumber) {
            this.vatNumber = vatNumber;
            return this;
        }

        public Builder billingAddress(Address billingAddress) {
            this.billingAddress = billingAddress;
            return this;
        }

        public Builder shippingAddress(Address shippingAddress) {
            this.shippingAddress = shippingAddress;
            return this;
        }

        public BillingDetails build() {
            return new BillingDetails(billingEmail, vatNumber, billingAddress, shippingAddress);
        }
    }
}
