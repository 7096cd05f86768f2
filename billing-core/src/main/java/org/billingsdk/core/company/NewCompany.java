package org.billingsdk.core.company;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.billingsdk.core.validation.PlainText;

/**
 * What it takes to register a company; validated by the operation, every problem named.
 *
 * @param name the company's name as the portal shows it: not blank, at most 200 characters, no
 *     line breaks or control characters
 * @param mainEmail mandatory: used for account verification and communication; an email address of
 *     at most 254 characters
 * @param billingDetails optional at registration, or {@code null}; validated when given
 * @param billingMode required; {@link BillingMode#DIRECT} for the portal's direct customers
 */
public record NewCompany(
        @NotBlank @Size(max = 200) @PlainText String name,
        @NotBlank @Email @Size(max = 254) @PlainText(formatCharacters = false) String mainEmail,
        @Valid BillingDetails billingDetails,
        @NotNull BillingMode billingMode) {

    /**
     * A direct customer with a name and a main email and no billing details yet.
     *
     * @param name the company's name
     * @param mainEmail the account email
     * @return the input, not validated yet
     */
    public static NewCompany of(String name, String mainEmail) {
        return new NewCompany(name, mainEmail, null, BillingMode.DIRECT);
    }

    /**
     * The same input with billing details.
     *
     * @param details the billing details, or {@code null} for none
     * @return a copy with the details
     */
    public NewCompany withBillingDetails(BillingDetails details) {
        return new NewCompany(name, mainEmail, details, billingMode);
    }

    /**
     * The same input with another billing mode.
     *
     * @param mode who runs the company's billing
     * @return a copy with the mode
     */
    public NewCompany withBillingMode(BillingMode mode) {
        return new NewCompany(name, mainEmail, billingDetails, mode);
    }
}
