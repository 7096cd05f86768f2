package org.billingsdk.core.company;

import java.time.Instant;
import java.util.Objects;

/**
 * What the tax authorities' register (VIES, for EU numbers) answered about a VAT number, kept on
 * the company as evidence for the VAT its invoices charge: when it was asked, the consultation
 * number the register gave, and the name and address it holds for the number. Immutable.
 *
 * <p>Reverse charge needs the buyer's number to be {@link Status#VALID} when a
 * {@link org.billingsdk.core.port.VatNumberVerifier} is configured; while the register cannot be
 * reached ({@link Status#UNAVAILABLE}), the configured
 * {@link org.billingsdk.core.tax.UnverifiedVatPolicy} decides.
 *
 * @param number the number asked about
 * @param status what the register answered
 * @param checkedAt when the register answered (or was found unavailable)
 * @param consultationNumber the register's identifier of the consultation (VIES's
 *     {@code requestIdentifier}, given when the seller's own number is sent with the request), or
 *     {@code null} when it gave none
 * @param registeredName the name the register holds for the number, or {@code null} when it gave
 *     none (some member states never do)
 * @param registeredAddress the address the register holds, or {@code null} when it gave none
 * @param failure why there is no answer, the register's code (such as VIES's {@code MS_UNAVAILABLE},
 *     {@code TIMEOUT}, {@code SERVICE_UNAVAILABLE}); {@code null} unless {@link Status#UNAVAILABLE}
 */
public record VatCheck(VatNumber number, Status status, Instant checkedAt, String consultationNumber,
        String registeredName, String registeredAddress, String failure) {

    /** The most characters of a consultation number or a failure code. */
    public static final int MAX_CODE = 100;

    /** The most characters of a registered name or address. */
    public static final int MAX_TEXT = 1000;

    /** What the register answered. */
    public enum Status {
        /** The number is registered and valid for intra-EU supplies. */
        VALID,
        /** The register does not know the number as valid: it is no basis for reverse charge. */
        INVALID,
        /** The register could not be asked or did not answer; ask again later. */
        UNAVAILABLE
    }

    /**
     * Checks the components.
     *
     * @param number not null
     * @param status not null
     * @param checkedAt not null
     * @param consultationNumber {@code null} or blank for none (kept as {@code null})
     * @param registeredName {@code null} or blank for none (kept as {@code null})
     * @param registeredAddress {@code null} or blank for none (kept as {@code null})
     * @param failure required (not blank) when unavailable, {@code null} otherwise
     * @throws IllegalArgumentException if {@code failure} does not match the status, or a text is
     *     longer than its limit: {@link #MAX_CODE} characters for the consultation number and the
     *     failure, {@link #MAX_TEXT} for the registered name and address
     */
    public VatCheck {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        consultationNumber = blankToNull(consultationNumber);
        registeredName = blankToNull(registeredName);
        registeredAddress = blankToNull(registeredAddress);
        failure = blankToNull(failure);
        if ((status == Status.UNAVAILABLE) != (failure != null)) {
            throw new IllegalArgumentException("an unavailable check, and only that, names its failure");
        }
        if (status == Status.UNAVAILABLE && (consultationNumber != null || registeredName != null
                || registeredAddress != null)) {
            throw new IllegalArgumentException("an unavailable check has no consultation, name or address");
        }
        if (longer(consultationNumber, MAX_CODE) || longer(failure, MAX_CODE) || longer(registeredName, MAX_TEXT)
                || longer(registeredAddress, MAX_TEXT)) {
            throw new IllegalArgumentException("a VAT check's consultation number and failure hold at most "
                    + MAX_CODE + " characters, its name and address " + MAX_TEXT);
        }
    }

    /**
     * A number the register holds as valid.
     *
     * @param number the number
     * @param checkedAt when the register answered
     * @param consultationNumber the consultation's identifier, or {@code null}
     * @param registeredName the registered name, or {@code null}
     * @param registeredAddress the registered address, or {@code null}
     * @return the check
     */
    public static VatCheck valid(VatNumber number, Instant checkedAt, String consultationNumber,
            String registeredName, String registeredAddress) {
        return new VatCheck(number, Status.VALID, checkedAt, consultationNumber, registeredName, registeredAddress,
                null);
    }

    /**
     * A number the register does not hold as valid.
     *
     * @param number the number
     * @param checkedAt when the register answered
     * @param consultationNumber the consultation's identifier, or {@code null}
     * @return the check
     */
    public static VatCheck invalid(VatNumber number, Instant checkedAt, String consultationNumber) {
        return new VatCheck(number, Status.INVALID, checkedAt, consultationNumber, null, null, null);
    }

    /**
     * No answer from the register.
     *
     * @param number the number
     * @param checkedAt when it was asked
     * @param failure the register's error code or the reason, such as {@code MS_UNAVAILABLE}
     * @return the check
     */
    public static VatCheck unavailable(VatNumber number, Instant checkedAt, String failure) {
        return new VatCheck(number, Status.UNAVAILABLE, checkedAt, null, null, null,
                Objects.requireNonNull(failure, "failure"));
    }

    /** {@return whether the register held the number as valid} */
    public boolean isValid() {
        return status == Status.VALID;
    }

    /** {@return whether the register gave no answer, so that the number is to be asked about again} */
    public boolean isUnavailable() {
        return status == Status.UNAVAILABLE;
    }

    private static boolean longer(String text, int limit) {
        return text != null && text.length() > limit;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
