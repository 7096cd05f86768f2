package org.billingsdk.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The detectors the reliability suite scans logs, events and the database with find what they
 * look for and pass over what they do not. Card numbers and IBANs are made here with valid check
 * digits rather than written out, so that no card number or IBAN sits in the source tree.
 */
class SensitiveDataTest {

    private static final String API_KEY = "sk_" + "test_" + "51DetectorTestKeyAbCdEf0123456789";
    private static final String WEBHOOK_SECRET = "whsec_" + "DetectorTestSecret0123456789";

    private final SensitiveData detector = new SensitiveData(List.of(API_KEY, WEBHOOK_SECRET));
    private final Random random = new Random(7);

    /** A card number of {@code length} digits starting with {@code prefix} whose last digit passes Luhn. */
    private String cardNumber(String prefix, int length) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (SensitiveData.luhnValid(digits.toString() + check)) {
                return digits.toString() + check;
            }
        }
        throw new IllegalStateException("no Luhn check digit");
    }

    /** An IBAN of {@code country} around {@code bban} with the check digits mod-97 asks for. */
    private static String iban(String country, String bban) {
        int remainder = SensitiveData.mod97(country + "00" + bban);
        return country + String.format("%02d", 98 - remainder) + bban;
    }

    private static String grouped(String value) {
        return value.replaceAll("(.{4})(?!$)", "$1 ");
    }

    @Test
    void aLuhnValidCardNumberIsFoundWrittenTogetherOrInGroupsOfFour() {
        String visa = cardNumber("4", 16);
        String amex = cardNumber("37", 15);

        assertThat(SensitiveData.cardNumbers("paid with " + visa + ".")).containsExactly(visa);
        assertThat(SensitiveData.cardNumbers("card: " + grouped(visa))).containsExactly(visa);
        assertThat(SensitiveData.cardNumbers("card=" + visa.replaceAll("(.{4})(?!$)", "$1-"))).containsExactly(visa);
        assertThat(SensitiveData.cardNumbers("amex " + amex.substring(0, 4) + " " + amex.substring(4, 10) + " "
                + amex.substring(10))).containsExactly(amex);
        String nineteen = cardNumber("6", 19);
        assertThat(SensitiveData.cardNumbers("[" + nineteen + "]")).containsExactly(nineteen);
    }

    @Test
    void digitRunsThatFailLuhnOrAreTooShortOrTooLongAreNotCardNumbers() {
        String visa = cardNumber("4", 16);
        String altered = visa.substring(0, 15) + (char) ('0' + (visa.charAt(15) - '0' + 1) % 10);

        assertThat(SensitiveData.cardNumbers(altered)).isEmpty();
        assertThat(SensitiveData.cardNumbers(cardNumber("4", 12))).isEmpty();
        assertThat(SensitiveData.cardNumbers("order " + visa + "12345")).as("part of a longer number").isEmpty();
        assertThat(SensitiveData.cardNumbers("2026-03-01T00:00:00Z, invoice INV-2026-000042, 5929 cents")).isEmpty();
        assertThat(SensitiveData.cardNumbers("id 0f3c9e7a-" + visa.replaceAll("(.{4})(?!$)", "$1-") + "ab12cd34"))
                .as("the digit groups of a UUID").isEmpty();
    }

    @Test
    void anIbanWithValidCheckDigitsIsFoundTogetherInGroupsOrInLowerCase() {
        String german = iban("DE", "370400440532013000");
        String dutch = iban("NL", "ABNA0417164300");

        assertThat(SensitiveData.ibans("debit " + german + " monthly")).containsExactly(german);
        assertThat(SensitiveData.ibans("IBAN: " + grouped(dutch) + ", mandate M-1")).containsExactly(dutch);
        assertThat(SensitiveData.ibans(dutch.toLowerCase())).containsExactly(dutch);
        String belgian = iban("BE", "539007547034");
        assertThat(SensitiveData.ibans("IBAN " + grouped(belgian) + " FROM ACME")).containsExactly(belgian);
    }

    @Test
    void wrongCheckDigitsAVatNumberAndTheLastFourOfAnIbanAreNotIbans() {
        String german = iban("DE", "370400440532013000");
        String wrongCheck = german.substring(0, 2) + (german.charAt(2) == '9' ? '1' : '9') + german.substring(3);

        assertThat(SensitiveData.ibans(wrongCheck)).isEmpty();
        assertThat(SensitiveData.ibans("VAT NL853746333B01, SEPA ending 3000, bank COBADEFF")).isEmpty();
        assertThat(SensitiveData.ibans(german + "X")).as("part of a longer word").isEmpty();
        assertThat(SensitiveData.ibans(german.substring(0, 9) + " " + german.substring(9)))
                .as("not written together nor in groups of four").isEmpty();
    }

    @Test
    void secretsAreFoundWholeOrByTheirBodyAndAnythingShapedLikeAStripeSecretIsFound() {
        String body = API_KEY.substring(API_KEY.lastIndexOf('_') + 1);
        String otherKey = "rk_" + "live_" + "AnotherRestrictedKey0123";

        assertThat(detector.findIn("a log", "Authorization: Bearer " + API_KEY)).isNotEmpty();
        assertThat(detector.findIn("a log", "key ending " + body)).isNotEmpty();
        assertThat(detector.findIn("a log", "signed with " + WEBHOOK_SECRET)).isNotEmpty();
        assertThat(detector.findIn("a log", "configured " + otherKey)).isNotEmpty();
        String masked = "sk_" + "test_" + "*".repeat(20) + "6789";
        assertThat(detector.findIn("a log", "Invalid API Key provided: " + masked)).as("as Stripe masks a key")
                .isEmpty();
    }

    @Test
    void findingsNameWhereButNeverQuoteWhatTheyFound() {
        String visa = cardNumber("4", 16);
        String german = iban("DE", "370400440532013000");

        List<String> findings = detector.findIn("billing_company.name", "Acme " + visa + " " + german + " " + API_KEY);

        assertThat(findings).as("card, IBAN, the key, and the key's Stripe shape").hasSize(4)
                .allSatisfy(finding -> assertThat(finding).contains("billing_company.name")
                        .doesNotContain(visa).doesNotContain(german).doesNotContain(API_KEY));
    }
}
