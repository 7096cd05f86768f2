package org.billingsdk.core.company;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
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
     * The country with this code as a person wrote it: surrounding blanks and lower case are
     * accepted and normalized. Any non-ASCII character is refused before upper-casing, so that no
     * letter folds into an ASCII code ({@code ß} into {@code SS}, the dotless {@code ı} into
     * {@code I}).
     *
     * @param code an ISO 3166-1 alpha-2 code such as {@code nl} or {@code NL}; not null
     * @return the country code, upper case
     * @throws IllegalArgumentException if it has a non-ASCII character or is not an assigned code
     */
    public static CountryCode of(String code) {
        Objects.requireNonNull(code, "country code");
        OptionalInt nonAscii = firstNonAscii(code);
        if (nonAscii.isPresent()) {
            throw new IllegalArgumentException("country code must be an ISO 3166-1 alpha-2 code such as NL, was '"
                    + code + "', which has the non-ASCII character " + codePointName(nonAscii.getAsInt()));
        }
        return new CountryCode(normalize(code));
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

    /** {@code code} stripped and upper-cased if it is ASCII; otherwise unchanged, to be refused as it is. */
    static String normalize(String code) {
        return firstNonAscii(code).isPresent() ? code : code.strip().toUpperCase(Locale.ROOT);
    }

    static OptionalInt firstNonAscii(String text) {
        return text.codePoints().filter(c -> c > 0x7F).findFirst();
    }

    /** {@return the code point in the Unicode notation, such as {@code U+00DF}} */
    static String codePointName(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}
