package org.billingsdk.core.company;

import java.time.YearMonth;

/**
 * The check-digit algorithms of the national VAT numbers that {@link VatNumber} validates, as
 * python-stdnum implements them and the EU VIES documentation describes them; stateless.
 *
 * <p>Each method takes the national part of a number (without its prefix) that already has its
 * country's format, so digits stand where digits belong and the length is right. It tells whether
 * the check digits are right, together with the fixed parts some numbers embed, such as a birth
 * date, a tax office code or a type digit.
 */
final class VatCheckDigits {

    private static final int[] CYPRUS_EVEN_POSITION_VALUES = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    private static final String SPANISH_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String SPANISH_CIF_LETTERS = "JABCDEFGHI";
    private static final String SPANISH_CIF_ENTITY_TYPES = "ABCDEFGHJNPQRSUVW";
    private static final String FRENCH_KEY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String IRISH_CHECK_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";

    private VatCheckDigits() {
    }

    /** {@code U} and 8 digits; Luhn over digits 1 to 7, offset by 4. */
    static boolean austria(String n) {
        return Math.floorMod(6 - luhnChecksum(n.substring(1, 8)), 10) == digit(n, 8);
    }

    /** 10 digits, the last two making the first eight a multiple of 97. */
    static boolean belgium(String n) {
        long base = Long.parseLong(n.substring(0, 8));
        int check = Integer.parseInt(n.substring(8));
        return Long.parseLong(n) > 0 && (base + check) % 97 == 0;
    }

    /** 9 digits for legal entities; 10 digits for an EGN, a PNF or another person. */
    static boolean bulgaria(String n) {
        if (n.length() == 9) {
            return bulgarianLegalEntity(n);
        }
        return bulgarianEgn(n) || bulgarianPnf(n) || bulgarianOtherPerson(n);
    }

    private static boolean bulgarianLegalEntity(String n) {
        int check = 0;
        for (int i = 0; i < 8; i++) {
            check += (i + 1) * digit(n, i);
        }
        check %= 11;
        if (check == 10) {
            check = 0;
            for (int i = 0; i < 8; i++) {
                check += (i + 3) * digit(n, i);
            }
            check %= 11;
        }
        return check % 10 == digit(n, 8);
    }

    private static boolean bulgarianEgn(String n) {
        int year = 1900 + twoDigits(n, 0);
        int month = twoDigits(n, 2);
        if (month > 40) {
            year += 100;
            month -= 40;
        } else if (month > 20) {
            year -= 100;
            month -= 20;
        }
        return isDate(year, month, twoDigits(n, 4))
                && weightedSum(n, 2, 4, 8, 5, 10, 9, 7, 3, 6) % 11 % 10 == digit(n, 9);
    }

    private static boolean bulgarianPnf(String n) {
        return weightedSum(n, 21, 19, 17, 13, 11, 9, 7, 3, 1) % 10 == digit(n, 9);
    }

    private static boolean bulgarianOtherPerson(String n) {
        return Math.floorMod(11 - weightedSum(n, 4, 3, 2, 7, 6, 5, 4, 3, 2), 11) == digit(n, 9);
    }

    /** 8 digits, not starting with 12, and a check letter. */
    static boolean cyprus(String n) {
        if (n.startsWith("12")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += i % 2 == 0 ? CYPRUS_EVEN_POSITION_VALUES[digit(n, i)] : digit(n, i);
        }
        return n.charAt(8) == (char) ('A' + sum % 26);
    }

    /** 8 digits for legal entities, 9 starting with 6 for special cases, else a birth number. */
    static boolean czechia(String n) {
        if (n.length() == 8) {
            return n.charAt(0) != '9' && czechLegalEntity(n);
        }
        if (n.length() == 9 && n.charAt(0) == '6') {
            return czechSpecialCase(n);
        }
        return birthNumber(n);
    }

    private static boolean czechLegalEntity(String n) {
        int check = Math.floorMod(11 - weightedSum(n, 8, 7, 6, 5, 4, 3, 2), 11);
        return (check == 0 ? 1 : check) % 10 == digit(n, 7);
    }

    private static boolean czechSpecialCase(String n) {
        int sum = weightedSum(n.substring(1), 8, 7, 6, 5, 4, 3, 2) % 11;
        return Math.floorMod(8 - (10 - sum) % 11, 10) == digit(n, 8);
    }

    /**
     * The Czech and Slovak birth number (rodné číslo): a valid birth date, then for the 10-digit
     * form (from 1954 on) a check digit that makes the number divisible by 11, or 0 where the first
     * nine digits leave a remainder of 10, whatever the year (such numbers were issued after 1985 too).
     */
    private static boolean birthNumber(String n) {
        int year = 1900 + twoDigits(n, 0);
        int month = twoDigits(n, 2) % 50 % 20;
        if (n.length() == 9) {
            if (year >= 1980) {
                year -= 100;
            }
            if (year > 1953) {
                return false;
            }
        } else if (year < 1954) {
            year += 100;
        }
        if (!isDate(year, month, twoDigits(n, 4))) {
            return false;
        }
        if (n.length() == 9) {
            return true;
        }
        return Long.parseLong(n.substring(0, 9)) % 11 % 10 == digit(n, 9);
    }

    /** 9 digits, not starting with 0; ISO 7064 Mod 11,10. */
    static boolean germany(String n) {
        return n.charAt(0) != '0' && iso7064Mod11Radix10(n);
    }

    /** 8 digits, not starting with 0; weighted sum divisible by 11. */
    static boolean denmark(String n) {
        return n.charAt(0) != '0' && weightedSum(n, 2, 7, 6, 5, 4, 3, 2, 1) % 11 == 0;
    }

    /** 9 digits; weighted sum divisible by 10. */
    static boolean estonia(String n) {
        return weightedSum(n, 3, 7, 1, 3, 7, 1, 3, 7, 1) % 10 == 0;
    }

    /** 9 digits; the first eight read as binary weights, modulo 11. */
    static boolean greece(String n) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum = sum * 2 + digit(n, i);
        }
        return sum * 2 % 11 % 10 == digit(n, 8);
    }

    /** A DNI, NIE, K/L/M number with a check letter, or a CIF with a check letter or digit. */
    static boolean spain(String n) {
        char first = n.charAt(0);
        char last = n.charAt(8);
        if ("KLM".indexOf(first) >= 0) {
            return last == dniLetter(n.substring(1, 8));
        }
        if (isDigit(first)) {
            return last == dniLetter(n.substring(0, 8));
        }
        int nieIndex = "XYZ".indexOf(first);
        if (nieIndex >= 0) {
            return last == dniLetter(nieIndex + n.substring(1, 8));
        }
        if (SPANISH_CIF_ENTITY_TYPES.indexOf(first) >= 0) {
            int check = luhnCheckDigit(n.substring(1, 8));
            return last == (char) ('0' + check) || last == SPANISH_CIF_LETTERS.charAt(check);
        }
        return false;
    }

    private static char dniLetter(String digits) {
        return SPANISH_DNI_LETTERS.charAt(Integer.parseInt(digits) % 23);
    }

    /** 8 digits; weighted sum divisible by 11. */
    static boolean finland(String n) {
        return weightedSum(n, 7, 9, 10, 5, 8, 4, 2, 1) % 11 == 0;
    }

    /**
     * A 2-character key and a 9-digit SIREN (Luhn, except for Monaco's numbers starting 000); the
     * numeric key is the SIREN followed by 12 modulo 97, the alphanumeric key is checked as stdnum does.
     */
    static boolean france(String n) {
        String siren = n.substring(2);
        if (!siren.startsWith("000") && luhnChecksum(siren) != 0) {
            return false;
        }
        char first = n.charAt(0);
        char second = n.charAt(1);
        if (isDigit(first) && isDigit(second)) {
            return Integer.parseInt(n.substring(0, 2)) == Long.parseLong(siren + "12") % 97;
        }
        int firstIndex = FRENCH_KEY_ALPHABET.indexOf(first);
        int secondIndex = FRENCH_KEY_ALPHABET.indexOf(second);
        int check = isDigit(first) ? firstIndex * 24 + secondIndex - 10 : firstIndex * 34 + secondIndex - 100;
        return (Long.parseLong(siren) + 1 + check / 11) % 11 == check % 11;
    }

    /** 11 digits (the OIB); ISO 7064 Mod 11,10. */
    static boolean croatia(String n) {
        return iso7064Mod11Radix10(n);
    }

    /** 8 digits; weighted sum divisible by 10. */
    static boolean hungary(String n) {
        return weightedSum(n, 9, 7, 3, 1, 9, 7, 3, 1) % 10 == 0;
    }

    /**
     * 7 digits, a check letter and, since 2013, a second letter that counts in the check; or the old
     * form of a digit, a letter, {@code +} or {@code *}, 5 digits and a check letter, checked as the
     * 7 digits {@code 0}, the 5 digits and the first digit.
     */
    static boolean ireland(String n) {
        if (isDigit(n.charAt(1))) {
            char suffix = n.length() == 9 ? n.charAt(8) : IRISH_CHECK_LETTERS.charAt(0);
            return n.charAt(7) == irishCheckLetter(n.substring(0, 7), suffix);
        }
        String digits = "0" + n.substring(2, 7) + n.charAt(0);
        return n.charAt(7) == irishCheckLetter(digits, IRISH_CHECK_LETTERS.charAt(0));
    }

    private static char irishCheckLetter(String sevenDigits, char suffix) {
        int sum = weightedSum(sevenDigits, 8, 7, 6, 5, 4, 3, 2) + 9 * IRISH_CHECK_LETTERS.indexOf(suffix);
        return IRISH_CHECK_LETTERS.charAt(sum % 23);
    }

    /** 11 digits: a non-zero company number, a province office code and a Luhn check digit. */
    static boolean italy(String n) {
        int office = Integer.parseInt(n.substring(7, 10));
        boolean knownOffice = office >= 1 && office <= 100
                || office == 120 || office == 121 || office == 888 || office == 999;
        return Integer.parseInt(n.substring(0, 7)) > 0 && knownOffice && luhnChecksum(n) == 0;
    }

    /** 9 digits (legal entities) or 12 (others), a 1 before the check digit, weighted modulo 11. */
    static boolean lithuania(String n) {
        int typeDigit = n.length() == 9 ? 7 : 10;
        if (n.charAt(typeDigit) != '1') {
            return false;
        }
        int last = n.length() - 1;
        int check = 0;
        for (int i = 0; i < last; i++) {
            check += (1 + i % 9) * digit(n, i);
        }
        check %= 11;
        if (check == 10) {
            check = 0;
            for (int i = 0; i < last; i++) {
                check += (1 + (i + 2) % 9) * digit(n, i);
            }
        }
        return check % 11 % 10 == digit(n, last);
    }

    /** 8 digits, the last two being the first six modulo 89. */
    static boolean luxembourg(String n) {
        return Integer.parseInt(n.substring(0, 6)) % 89 == Integer.parseInt(n.substring(6));
    }

    /**
     * 11 digits: a legal entity (first digit above 3), or a personal code with a check digit: since
     * July 2017 one starting with 32 and no birth date, before that one starting with a birth date.
     */
    static boolean latvia(String n) {
        if (n.charAt(0) > '3') {
            return weightedSum(n, 9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1) % 11 == 3;
        }
        int year = 1800 + 100 * digit(n, 6) + twoDigits(n, 4);
        return (n.startsWith("32") || isDate(year, twoDigits(n, 2), twoDigits(n, 0)))
                && (1 + weightedSum(n, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9)) % 11 % 10 == digit(n, 10);
    }

    /** 8 digits, not starting with 0; weighted sum divisible by 37. */
    static boolean malta(String n) {
        return n.charAt(0) != '0' && weightedSum(n, 3, 4, 6, 7, 8, 9, 10, 1) % 37 == 0;
    }

    /**
     * 9 digits, {@code B} and a non-zero 2-digit branch: the 9 digits pass the RSIN/BSN eleven test,
     * or the whole number with its prefix passes ISO 7064 Mod 97,10 (sole proprietors since 2020).
     */
    static boolean netherlands(String n) {
        if (Integer.parseInt(n.substring(0, 9)) == 0 || Integer.parseInt(n.substring(10)) == 0) {
            return false;
        }
        int elevenTest = weightedSum(n, 9, 8, 7, 6, 5, 4, 3, 2) - digit(n, 8);
        return elevenTest % 11 == 0 || iso7064Mod97Radix10("NL" + n) == 1;
    }

    /** 10 digits; weighted sum, with the check digit counted negatively, divisible by 11. */
    static boolean poland(String n) {
        return Math.floorMod(weightedSum(n, 6, 5, 7, 2, 3, 4, 5, 6, 7, -1), 11) == 0;
    }

    /** 9 digits, not starting with 0; weighted modulo 11 check digit. */
    static boolean portugal(String n) {
        int check = Math.floorMod(11 - weightedSum(n, 9, 8, 7, 6, 5, 4, 3, 2), 11) % 10;
        return n.charAt(0) != '0' && check == digit(n, 8);
    }

    /**
     * 2 to 10 digits (a company's CUI), not starting with 0, with a weighted modulo 11 check digit;
     * or 13 digits, a person's CNP.
     */
    static boolean romania(String n) {
        if (n.length() == 13) {
            return romanianCnp(n);
        }
        String body = "0".repeat(10 - n.length()) + n.substring(0, n.length() - 1);
        int check = 10 * weightedSum(body, 7, 5, 3, 2, 1, 7, 5, 3, 2) % 11 % 10;
        return n.charAt(0) != '0' && check == digit(n, n.length() - 1);
    }

    /**
     * The personal numeric code: a first digit of 1 to 9 that gives the century (1 and 2 the 1900s,
     * 3 and 4 the 1800s, 5 and 6 the 2000s; python-stdnum reads the residents' 7 to 9 as the 1900s
     * too), a birth date valid in it, and a weighted check digit modulo 11 where 10 is written 1.
     */
    private static boolean romanianCnp(String n) {
        int century = switch (n.charAt(0)) {
            case '0' -> 0;
            case '3', '4' -> 1800;
            case '5', '6' -> 2000;
            default -> 1900;
        };
        int check = weightedSum(n, 2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9) % 11;
        return century > 0 && isDate(century + twoDigits(n, 1), twoDigits(n, 3), twoDigits(n, 5))
                && (check == 10 ? 1 : check) == digit(n, 12);
    }

    /** A 10-digit organisation number with a Luhn check digit, followed by 01. */
    static boolean sweden(String n) {
        return luhnChecksum(n.substring(0, 10)) == 0;
    }

    /** 8 digits, not starting with 0; weighted modulo 11 check digit, where 10 is written 0. */
    static boolean slovenia(String n) {
        int check = 11 - weightedSum(n, 8, 7, 6, 5, 4, 3, 2) % 11;
        return n.charAt(0) != '0' && check != 11 && check % 10 == digit(n, 7);
    }

    /** 10 digits: a birth number, or a number divisible by 11 with a third digit of 2-4 or 7-9. */
    static boolean slovakia(String n) {
        if (birthNumber(n)) {
            return true;
        }
        return n.charAt(0) != '0' && "234789".indexOf(n.charAt(2)) >= 0 && Long.parseLong(n) % 11 == 0;
    }

    /**
     * The United Kingdom's formats, which Northern Ireland uses: 9 digits (or 12 for branch traders)
     * with a weighted modulo 97 check, where numbers from 100 on may also use the 97-55 variant; or
     * GD (below 500) or HA (500 and above) and 3 digits, also in the EU form GD8888/HA8888 with a
     * 2-digit check.
     */
    static boolean northernIreland(String n) {
        if (n.length() == 5) {
            return isInGovernmentRange(n, Integer.parseInt(n.substring(2)));
        }
        if (n.length() == 11) {
            int code = Integer.parseInt(n.substring(6, 9));
            return isInGovernmentRange(n, code) && code % 97 == Integer.parseInt(n.substring(9));
        }
        int sum = weightedSum(n, 8, 7, 6, 5, 4, 3, 2, 10, 1) % 97;
        if (Integer.parseInt(n.substring(0, 3)) >= 100) {
            return sum == 0 || sum == 42 || sum == 55;
        }
        return sum == 0;
    }

    private static boolean isInGovernmentRange(String n, int code) {
        return n.startsWith("GD") ? code < 500 : code >= 500;
    }

    private static int digit(String s, int index) {
        return s.charAt(index) - '0';
    }

    private static int twoDigits(String s, int index) {
        return Integer.parseInt(s.substring(index, index + 2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int weightedSum(String digits, int... weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(digits, i);
        }
        return sum;
    }

    private static boolean isDate(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    /** The Luhn sum modulo 10; 0 for a number whose last digit is a valid Luhn check digit. */
    private static int luhnChecksum(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digit(digits, digits.length() - 1 - i);
            sum += i % 2 == 0 ? d : d * 2 / 10 + d * 2 % 10;
        }
        return sum % 10;
    }

    private static int luhnCheckDigit(String digits) {
        return (10 - luhnChecksum(digits + "0")) % 10;
    }

    private static boolean iso7064Mod11Radix10(String digits) {
        int check = 5;
        for (int i = 0; i < digits.length(); i++) {
            check = ((check == 0 ? 10 : check) * 2 % 11 + digit(digits, i)) % 10;
        }
        return check == 1;
    }

    private static int iso7064Mod97Radix10(String alphanumeric) {
        int remainder = 0;
        for (int i = 0; i < alphanumeric.length(); i++) {
            int value = Character.digit(alphanumeric.charAt(i), 36);
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
        }
        return remainder;
    }
}
