package org.billingsdk.core.company;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An ISO 3166-1 alpha-2 country code, such as {@code NL} or {@code DE}; immutable and thread-safe.
 *
 * <p>Greece is {@code GR} here, as ISO has it; its VAT numbers carry the prefix {@code EL}
 * (see {@link VatNumber#country()}).
 *
 * @param value the code, two upper-case letters
 */
public record CountryCode(String value) {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    /** The 27 member states of the European Union, by ISO code. */
    private static final Set<String> EU_MEMBER_STATES = Set.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    /**
     * Checks the code.
     *
     * @param value an assigned ISO 3166-1 alpha-2 code in upper case
     * @throws IllegalArgumentException unless {@code value} is an assigned ISO 3166-1 alpha-2
     *     code in upper case
     */
    public CountryCode {
        Objects.requireNonNull(value, "country code");
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "country code must be an ISO 3166-1 alpha-2 code such as NL, was '" + value + "'");
        }
    }

    /**
     * The country with this code; lower case and surrounding blanks are accepted and normalized.
     *
     * @param code an ISO 3166-1 alpha-2 code such as {@code nl} or {@code NL}; not null
     * @return the country code, upper case
     * @throws IllegalArgumentException if it is not an assigned code
     */
    public static CountryCode of(String code) {
        Objects.requireNonNull(code, "country code");
        return new CountryCode(code.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * Whether {@code code} is an assigned ISO 3166-1 alpha-2 code, written in upper case.
     *
     * @param code the text to check; may be null
     * @return false for null, lower case or an unassigned code
     */
    public static boolean isValid(String code) {
        return code != null && ISO_CODES.contains(code);
    }

    /** {@return whether this country is one of the 27 member states of the European Union} */
    public boolean isEuMemberState() {
        return EU_MEMBER_STATES.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
