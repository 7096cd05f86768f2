package org.billingsdk.core.company;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VAT identification number in its normalized form: the two-letter prefix and the national
 * number, in upper case and without separators, such as {@code DE136695976},
 * {@code NL853746333B01} or {@code EL094259216}; an old Irish number keeps the {@code +} or
 * {@code *} its national number may have as second character ({@code IE6+52888Q}). Immutable and
 * thread-safe.
 *
 * <p>For the 27 EU member states (Greece with its VAT prefix {@code EL}) and Northern Ireland
 * ({@code XI}) both the national format and the check digits are validated, with the algorithms
 * python-stdnum implements. For the prefix of any other ISO 3166 country, such as {@code CH} or
 * {@code GB}, only a generic format of 2 to 15 letters or digits is checked. Whether a number is
 * actually registered is not checked: that takes a query to VIES or the national tax office.
 *
 * <p>A number written after the word {@code VAT} ({@code VAT: DE136695976}) is refused rather
 * than read as a number of the Vatican ({@code VA}).
 *
 * <p>A number with the prefix {@code EU}, such as {@code EU372022452}, is refused: it identifies
 * a business from outside the EU in the One-Stop Shop (the non-Union scheme, formerly VoES), is
 * not a member state's VAT number and cannot make a sale reverse-charged. A buyer outside the EU
 * needs no VAT number on the invoice.
 *
 * @param value the normalized number; see {@link #of(String)} to normalize a number as written
 */
public record VatNumber(String value) {

    /**
     * What people write between the parts of a number: ASCII whitespace and the Unicode spaces
     * (the no-break spaces too), dots, the hyphen-minus and the Unicode hyphens and dashes up to
     * the em dash, the minus sign, slashes, colons and parentheses.
     */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Zs}.\\-\\u2010-\\u2014\\u2212/:()]+");
    /** Letters and digits; an old Irish number also has a {@code +} or {@code *} as its second character. */
    private static final Pattern NORMALIZED_CHARACTERS = Pattern.compile("[A-Z0-9]+|IE[0-9][+*][A-Z0-9]+");
    private static final Pattern TWO_LETTER_PREFIX = Pattern.compile("[A-Z]{2}.*");
    private static final Pattern GENERIC_NATIONAL_NUMBER = Pattern.compile("[A-Z0-9]{2,15}");
    private static final Pattern SHORT_DUTCH_NUMBER = Pattern.compile("(\\d{1,8})(B\\d{2})");

    private static final Map<String, NationalFormat> NATIONAL_FORMATS = Map.ofEntries(
            entry("AT", new NationalFormat("U\\d{8}", "U and 8 digits", VatCheckDigits::austria)),
            entry("BE", new NationalFormat("\\d{10}", "10 digits", VatCheckDigits::belgium)),
            entry("BG", new NationalFormat("\\d{9,10}", "9 or 10 digits", VatCheckDigits::bulgaria)),
            entry("CY", new NationalFormat("\\d{8}[A-Z]", "8 digits and a letter", VatCheckDigits::cyprus)),
            entry("CZ", new NationalFormat("\\d{8,10}", "8, 9 or 10 digits", VatCheckDigits::czechia)),
            entry("DE", new NationalFormat("\\d{9}", "9 digits", VatCheckDigits::germany)),
            entry("DK", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::denmark)),
            entry("EE", new NationalFormat("\\d{9}", "9 digits", VatCheckDigits::estonia)),
            entry("EL", new NationalFormat("\\d{9}", "9 digits", VatCheckDigits::greece)),
            entry("ES", new NationalFormat("[A-Z0-9]\\d{7}[A-Z0-9]",
                    "a letter or digit, 7 digits and a letter or digit", VatCheckDigits::spain)),
            entry("FI", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::finland)),
            entry("FR", new NationalFormat("[0-9A-HJ-NP-Z]{2}\\d{9}",
                    "a 2-character key and 9 digits", VatCheckDigits::france)),
            entry("HR", new NationalFormat("\\d{11}", "11 digits", VatCheckDigits::croatia)),
            entry("HU", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::hungary)),
            entry("IE", new NationalFormat("\\d[0-9A-Z+*]\\d{5}[A-W]{1,2}",
                    "7 digits and 1 or 2 letters, or a digit, a letter, + or *, 5 digits and a letter",
                    VatCheckDigits::ireland)),
            entry("IT", new NationalFormat("\\d{11}", "11 digits", VatCheckDigits::italy)),
            entry("LT", new NationalFormat("\\d{9}|\\d{12}", "9 or 12 digits", VatCheckDigits::lithuania)),
            entry("LU", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::luxembourg)),
            entry("LV", new NationalFormat("\\d{11}", "11 digits", VatCheckDigits::latvia)),
            entry("MT", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::malta)),
            entry("NL", new NationalFormat("\\d{9}B\\d{2}", "9 digits, B and 2 digits",
                    VatCheckDigits::netherlands)),
            entry("PL", new NationalFormat("\\d{10}", "10 digits", VatCheckDigits::poland)),
            entry("PT", new NationalFormat("\\d{9}", "9 digits", VatCheckDigits::portugal)),
            entry("RO", new NationalFormat("\\d{2,10}|\\d{13}", "2 to 10 digits, or 13 digits",
                    VatCheckDigits::romania)),
            entry("SE", new NationalFormat("\\d{10}01", "10 digits and 01", VatCheckDigits::sweden)),
            entry("SI", new NationalFormat("\\d{8}", "8 digits", VatCheckDigits::slovenia)),
            entry("SK", new NationalFormat("\\d{10}", "10 digits", VatCheckDigits::slovakia)),
            entry("XI", new NationalFormat("\\d{9}|\\d{12}|(?:GD|HA)\\d{3}|(?:GD|HA)8888\\d{5}",
                    "9 or 12 digits, or GD or HA and 3 digits", VatCheckDigits::northernIreland)));

    /**
     * Checks the number.
     *
     * @param value a valid VAT number in normalized form
     * @throws IllegalArgumentException unless {@code value} is a valid VAT number in normalized
     *     form; the message is one sentence naming the problem
     */
    public VatNumber {
        Optional<String> problem = problemWithNormalized(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * The VAT number written as {@code raw}. The separators people write are removed: whitespace
     * (also the no-break and other Unicode spaces), dots, dashes (also the Unicode hyphens, the en
     * and em dash and the minus sign), slashes, colons and parentheses, so that
     * {@code BE (0)468.561.072} is {@code BE0468561072}. Any other character but letters and digits
     * is refused, except the {@code +} or {@code *} of an old Irish number. A non-ASCII character is
     * refused before letters are upper-cased, so that none folds into an ASCII one ({@code ı} into
     * {@code I}, {@code ß} into {@code SS}). The old short forms are completed: a 9-digit Belgian
     * number and an 8-digit Greek one get a leading 0, and a Dutch number is zero-padded to 9
     * digits before its {@code B}.
     *
     * @param raw the number as a person wrote it, with its country prefix
     * @return the normalized number
     * @throws IllegalArgumentException if {@code raw} is null or not a valid VAT number, such as an
     *     {@code EU} One-Stop-Shop number; the message is one sentence naming the problem
     */
    public static VatNumber of(String raw) {
        Optional<String> problem = problemWith(raw);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new VatNumber(normalize(compact(raw)));
    }

    /**
     * What is wrong with {@code raw} as a VAT number: empty where {@link #of(String)} would accept
     * it, else the sentence it would throw. Never throws, also not for null.
     *
     * @param raw the number as a person wrote it; may be null
     * @return the problem as one sentence, or empty for a valid number
     */
    public static Optional<String> problemWith(String raw) {
        String compact = compact(raw);
        OptionalInt nonAscii = compact == null ? OptionalInt.empty() : CountryCode.firstNonAscii(compact);
        if (nonAscii.isPresent()) {
            return Optional.of("VAT number " + compact + " has the non-ASCII character "
                    + CountryCode.codePointName(nonAscii.getAsInt()));
        }
        return problemWithNormalized(normalize(compact));
    }

    /** {@return the ISO country of this number: Greece ({@code GR}) for {@code EL}, {@code GB} for {@code XI}} */
    public CountryCode country() {
        return switch (prefix()) {
            case "EL" -> CountryCode.of("GR");
            case "XI" -> CountryCode.of("GB");
            default -> CountryCode.of(prefix());
        };
    }

    /** {@return whether the prefix is that of one of the 27 EU member states; false for {@code XI}} */
    public boolean isEu() {
        return NATIONAL_FORMATS.containsKey(prefix()) && !prefix().equals("XI");
    }

    /**
     * {@return the two letters the number starts with, as VIES takes them: {@code EL} for Greece,
     * {@code XI} for Northern Ireland, otherwise the country's ISO code}
     */
    public String prefix() {
        return value.substring(0, 2);
    }

    /** {@return the number without its prefix: {@code 853746333B01} of {@code NL853746333B01}} */
    public String national() {
        return value.substring(2);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String compact(String raw) {
        return raw == null ? null : SEPARATORS.matcher(raw).replaceAll("");
    }

    /** Upper-cases an ASCII {@code compact} number and completes its old short form. */
    private static String normalize(String compact) {
        if (compact == null) {
            return null;
        }
        String upper = compact.toUpperCase(Locale.ROOT);
        if (upper.length() < 2) {
            return upper;
        }
        return upper.substring(0, 2) + completeOldForm(upper.substring(0, 2), upper.substring(2));
    }

    private static String completeOldForm(String prefix, String number) {
        if (prefix.equals("BE") && number.matches("\\d{9}") || prefix.equals("EL") && number.matches("\\d{8}")) {
            return "0" + number;
        }
        Matcher dutch = SHORT_DUTCH_NUMBER.matcher(number);
        if (prefix.equals("NL") && dutch.matches()) {
            return "0".repeat(9 - dutch.group(1).length()) + number;
        }
        return number;
    }

    private static Optional<String> problemWithNormalized(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("VAT number is required");
        }
        if (!NORMALIZED_CHARACTERS.matcher(value).matches()) {
            return Optional.of("VAT number " + value + " must consist of upper-case letters and digits only");
        }
        if (!TWO_LETTER_PREFIX.matcher(value).matches()) {
            return Optional.of("VAT number " + value + " must start with a two-letter country prefix");
        }
        String prefix = value.substring(0, 2);
        String number = value.substring(2);
        if (prefix.equals("EU")) {
            return Optional.of("VAT number " + value + " is a One-Stop-Shop identification number of a non-EU "
                    + "business, not a member state's VAT number, and cannot be used for reverse charge");
        }
        if (prefix.equals("GR")) {
            return Optional.of("VAT number " + value + " must use the prefix EL for Greece");
        }
        NationalFormat format = NATIONAL_FORMATS.get(prefix);
        if (format != null) {
            return format.problemWith(value, prefix, number);
        }
        if (!CountryCode.isValid(prefix)) {
            return Optional.of("VAT number " + value + " has an unknown country prefix " + prefix);
        }
        if (value.startsWith("VAT") && value.length() > 5 && NATIONAL_FORMATS.containsKey(value.substring(3, 5))) {
            return Optional.of("VAT number " + value + " starts with the word VAT; write the number alone, "
                    + "beginning with its country prefix " + value.substring(3, 5));
        }
        if (!GENERIC_NATIONAL_NUMBER.matcher(number).matches()) {
            return Optional.of("VAT number " + value + " must have 2 to 15 letters or digits after " + prefix);
        }
        return Optional.empty();
    }

    /** The format of one country's national numbers and the check of their check digits. */
    private record NationalFormat(Pattern pattern, String description, Predicate<String> checkDigits) {

        NationalFormat(String regex, String description, Predicate<String> checkDigits) {
            this(Pattern.compile(regex), description, checkDigits);
        }

        Optional<String> problemWith(String value, String prefix, String number) {
            if (!pattern.matcher(number).matches()) {
                return Optional.of("VAT number " + value + " does not match the " + prefix
                        + " format of " + description);
            }
            if (!checkDigits.test(number)) {
                return Optional.of("VAT number " + value + " fails the check digit for " + prefix);
            }
            return Optional.empty();
        }
    }
}
