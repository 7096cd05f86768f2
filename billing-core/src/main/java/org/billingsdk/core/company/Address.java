package org.billingsdk.core.company;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.billingsdk.core.validation.PlainText;

/**
 * A postal address; immutable. Validated when it is given to an operation, not when built, so
 * that every problem can be named at once.
 *
 * @param line1 street and number, required; at most 200 characters
 * @param line2 optional second line, or {@code null}; at most 200 characters
 * @param postalCode optional postal code, or {@code null}; at most 20 characters
 * @param city required; at most 100 characters
 * @param region optional state or province, or {@code null}; at most 100 characters
 * @param country ISO 3166-1 alpha-2 code, required; lower case is accepted
 */
public record Address(
        @NotBlank @Size(max = 200) @PlainText String line1,
        @Size(max = 200) @PlainText String line2,
        @Size(max = 20) @PlainText String postalCode,
        @NotBlank @Size(max = 100) @PlainText String city,
        @Size(max = 100) @PlainText String region,
        @NotBlank @IsoCountry String country) {

    /**
     * An address with the common fields; the country code may be lower case.
     *
     * @param line1 street and number
     * @param postalCode the postal code, or {@code null}
     * @param city the city
     * @param country ISO 3166-1 alpha-2 code
     * @return the address, not validated yet
     */
    public static Address of(String line1, String postalCode, String city, String country) {
        return new Address(line1, null, postalCode, city, null, country);
    }

    /**
     * {@return the same address, trimmed, with empty optional lines as {@code null} and the country
     * upper case} A country with a non-ASCII character is left as it is, to be refused as such.
     */
    public Address normalized() {
        return new Address(trim(line1), emptyToNull(line2), emptyToNull(postalCode), trim(city),
                emptyToNull(region), country == null ? null : CountryCode.normalize(country));
    }

    /**
     * The country as a value.
     *
     * @return the country code, upper case
     * @throws IllegalArgumentException if the country is not an ISO code; never once the address
     *     has passed validation
     */
    public CountryCode countryCode() {
        return CountryCode.of(country);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
