package org.billingsdk.examples.reliability;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds in text what must stay with the payment provider or the host: card numbers, IBANs and
 * secrets. A card number is a run of 13 to 19 digits, written together or in the usual groups
 * (4-4-4-4 with up to three more, or 4-6-5), standing alone (not inside a longer word or a dashed
 * id such as a UUID), that passes the Luhn check. An IBAN is a country code
 * of the IBAN registry, two check digits and the country's number of letters and digits, written
 * together or in groups of four, in either case, that passes the ISO 13616 mod-97 check. A secret is one
 * of those given, whole or by its part after the last underscore, or anything shaped like a
 * Stripe secret key or webhook signing secret. Findings never quote what they found in full.
 * Stateless and thread-safe.
 */
final class SensitiveData {

    /** Digits standing alone: not part of a longer word or of a dashed id such as a UUID. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9A-Za-z])(?<![0-9A-Za-z]-)(?:[0-9]{13,19}"
            + "|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -][0-9]{1,3})?|[0-9]{4}[ -][0-9]{6}[ -][0-9]{5})"
            + "(?![0-9A-Za-z])(?!-[0-9A-Za-z])");
    /** Country code and check digits, then the rest together or in groups of four (in capitals). */
    private static final Pattern IBAN = Pattern.compile("(?<![A-Z0-9])[A-Z]{2}[0-9]{2}"
            + "(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Z0-9])");
    private static final Pattern STRIPE_SECRET = Pattern.compile(
            "(?:sk|rk)_(?:test|live)_[0-9A-Za-z]{12,}|whsec_[0-9A-Za-z+/=]{12,}");

    /** The lengths of IBANs by country, from the IBAN registry. */
    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths("AD24 AE23 AL28 AT20 AZ28 BA20 BE16"
            + " BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22"
            + " GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20"
            + " LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31"
            + " SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20");

    private final List<String> secrets;

    /** Looks for card numbers, IBANs, Stripe-shaped secrets and {@code secrets}. */
    SensitiveData(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** What {@code text} holds that it should not, each finding naming {@code where}; empty if nothing. */
    List<String> findIn(String where, String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (String number : cardNumbers(text)) {
            found.add("a card number ending " + lastFour(number) + " in " + where);
        }
        for (String iban : ibans(text)) {
            found.add("an IBAN of " + iban.substring(0, 2) + " ending " + lastFour(iban) + " in " + where);
        }
        for (String secret : secrets) {
            String body = secret.substring(secret.lastIndexOf('_') + 1);
            if (text.contains(secret) || (body.length() >= 12 && text.contains(body))) {
                found.add("a secret (" + secret.substring(0, secret.indexOf('_') + 1) + "...) in " + where);
            }
        }
        Matcher shaped = STRIPE_SECRET.matcher(text);
        while (shaped.find()) {
            found.add("something shaped like a Stripe secret (" + shaped.group().substring(0, 3) + "...) in " + where);
        }
        return found;
    }

    /** The Luhn-valid card numbers in {@code text}, digits only. */
    static List<String> cardNumbers(String text) {
        List<String> numbers = new ArrayList<>();
        Matcher run = CARD.matcher(text);
        while (run.find()) {
            String digits = run.group().replaceAll("[ -]", "");
            if (luhnValid(digits)) {
                numbers.add(digits);
            }
        }
        return numbers;
    }

    /** The IBANs with valid check digits in {@code text}, in capitals without spaces. */
    static List<String> ibans(String text) {
        List<String> ibans = new ArrayList<>();
        Matcher candidate = IBAN.matcher(text.toUpperCase(Locale.ROOT));
        while (candidate.find()) {
            String written = candidate.group();
            String compact = written.replace(" ", "");
            Integer length = IBAN_LENGTHS.get(written.substring(0, 2));
            // In groups, a full last group may be followed by more words of four: cut there.
            boolean fits = length != null && (compact.length() == length
                    || (written.contains(" ") && length % 4 == 0 && compact.length() > length));
            if (fits && mod97(compact.substring(0, length)) == 1) {
                ibans.add(compact.substring(0, length));
            }
        }
        return ibans;
    }

    /** Whether {@code digits} passes the Luhn check. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616's remainder: the country code and check digits moved to the end, letters as 10..35. */
    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder number = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            number.append(Character.getNumericValue(c));
        }
        return new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    private static String lastFour(String value) {
        return value.substring(value.length() - 4);
    }

    private static Map<String, Integer> ibanLengths(String registry) {
        Map<String, Integer> lengths = new HashMap<>();
        for (String entry : registry.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
