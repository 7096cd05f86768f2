package org.billingsdk.core.company;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.billingsdk.core.validation.IsoCountry;
import org.billingsdk.core.validation.PlainText;

/**
 * A postal address; immutable. Validated when it is given to an operation, not when built, so
 * that every problem can be named at once.
 *
 * @param line1 street and number, required
 * @param line2 optional second line, or {@code null}
 * @param postalCode optional postal code, or {@code null}
 * @param city required
 * @param region optional state or province, or {@code null}
 * @param country ISO 3166-1 alpha-2 code, required
 */
public record Address(
        @NotBlank @Size(max = 200) @PlainText String line1,
        @Size(max = 200) @PlainText String line2,
        @Size(max = 20) @PlainText String postalCode,
        @NotBlank @Size(max = 100) @PlainText String city,
        @Size(max = 100) @PlainText String region,
        @NotBlank @IsoCountry String country) {

    /** An address with the common fields; the country code may be lower case. */
    public static Address of(String line1, String postalCode, String city, String country) {
        return new Address(line1, null, postalCode, city, null, country);
    }

    /** The same address, trimmed, with empty optional lines as {@code null} and the country upper case. */
    public Address normalized() {
        return new Address(trim(line1), emptyToNull(line2), emptyToNull(postalCode), trim(city),
                emptyToNull(region), country == null ? null : country.strip().toUpperCase(Locale.ROOT));
    }

    /** The country as a value; valid once the address has passed validation. */
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
