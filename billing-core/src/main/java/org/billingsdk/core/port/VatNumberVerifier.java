package org.billingsdk.core.port;

import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;

/**
 * Asks the tax authorities' register whether a VAT number is valid: VIES for EU numbers (the
 * {@code billing-vies-adapter} module's {@code ViesVatNumberVerifier}). Configured with
 * {@code Billing.Builder.vatNumberVerifier}, it is asked when a company's VAT number is given or
 * changed, when the host asks again ({@code Accounts.checkVatNumber}), and by the billing run for
 * every number whose last check found the register unavailable. The SDK calls it outside any
 * storage transaction. Implementations must be thread-safe.
 */
public interface VatNumberVerifier {

    /**
     * Asks about {@code number}.
     *
     * @param number an EU VAT number, well-formed (its format and check digits are checked already)
     * @param requester the seller's own VAT number, which VIES takes to give a consultation number
     * @return the answer as evidence: {@link VatCheck.Status#VALID} or {@link VatCheck.Status#INVALID}
     *     when the register answered, {@link VatCheck.Status#UNAVAILABLE} with the register's error
     *     code when it did not (a member state's system down, a time-out, too many requests); never
     *     {@code null}
     * @throws RuntimeException for anything else; the SDK counts it as unavailable (failure
     *     {@code ERROR}) and logs it
     */
    VatCheck check(VatNumber number, VatNumber requester);
}
