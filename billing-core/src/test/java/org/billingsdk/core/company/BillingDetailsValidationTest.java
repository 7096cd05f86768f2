package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field by field, what {@code Accounts.updateBillingDetails} accepts (and how it stores it) and
 * what it refuses (with the field's path and a sentence saying what is wrong). A refused update
 * never changes the stored company.
 */
class BillingDetailsValidationTest {

    private static final String NOT_A_COUNTRY = "must be an ISO 3166-1 alpha-2 country code such as NL";
    private static final String CONTROL_CHARACTERS = "must not contain control characters";
    private static final String MALFORMED_EMAIL = "must be a well-formed email address";

    private BillingFixture fixture;
    private Company company;
    private Actor admin;

    @BeforeEach
    void setUp() {
        fixture = BillingFixture.inMemory();
        company = fixture.root("Acme");
        admin = actor(company);
    }

    // --- country codes ---

    @ParameterizedTest(name = "''{0}'' is stored as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NL     | NL
            nl     | NL
            De     | DE
            ' fr ' | FR
            gr     | GR
            ch     | CH
            gb     | GB
            """)
    void countryCodesAreAcceptedInAnyCaseAndStoredUpperCase(String country, String stored) {
        Company updated = update(details().billingAddress(address(country)).shippingAddress(address(country)));

        assertThat(updated.billingDetails().billingAddress().country()).isEqualTo(stored);
        assertThat(updated.billingDetails().shippingAddress().country()).isEqualTo(stored);
        assertThat(updated.billingDetails().billingAddress().countryCode()).isEqualTo(CountryCode.of(stored));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"XX", "NLD", "N", "N1", "EL", "UK", "EU", "Netherlands", "N L"})
    void countryCodesThatAreNotIsoAlpha2AreRefused(String country) {
        assertThat(refused(details().billingAddress(address(country))))
                .containsExactly(new Violation("billingAddress.country", NOT_A_COUNTRY));
        assertThat(refused(details().shippingAddress(address(country))))
                .containsExactly(new Violation("shippingAddress.country", NOT_A_COUNTRY));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ß", "ıt", "ſe", "ﬁ", "ＮＬ"})
    void countryCodesWithNonAsciiLettersAreRefusedInsteadOfFoldedIntoAnIsoCode(String country) {
        assertThat(refused(details().billingAddress(address(country))))
                .containsExactly(new Violation("billingAddress.country", NOT_A_COUNTRY));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void billingAddressCountryIsRequired(String country) {
        List<Violation> violations = refused(details().billingAddress(address(country)));

        assertThat(violations).contains(new Violation("billingAddress.country", "must not be blank"))
                .allSatisfy(v -> assertThat(v.field()).isEqualTo("billingAddress.country"));
    }

    @Test
    void billingAddressIsRequiredAndShippingAddressIsOptional() {
        assertThat(refused(details().billingAddress(null)))
                .containsExactly(new Violation("billingAddress", "must not be null"));

        Company updated = update(details().shippingAddress(null));
        assertThat(updated.billingDetails().shippingAddress()).isNull();
    }

    // --- VAT numbers ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            de 136 695 976        | DE136695976    | DE
            NL 853746333B01       | NL853746333B01 | NL
            NL.8143.26.584.B.01   | NL814326584B01 | NL
            Fr 40 303 265 045     | FR40303265045  | FR
            ATU 142 43 102        | ATU14243102    | AT
            BE 428 759 497        | BE0428759497   | BE
            EL 094259216          | EL094259216    | GR
            IT 00743110157        | IT00743110157  | IT
            ES A-28184661         | ESA28184661    | ES
            PL 584-030-44-72      | PL5840304472   | PL
            SE 556058115801       | SE556058115801 | SE
            IE 6433435F           | IE6433435F     | IE
            DK 13 20 24 35        | DK13202435     | DK
            PT 501 964 843        | PT501964843    | PT
            HR33392005961         | HR33392005961  | HR
            LU 150 274 42         | LU15027442     | LU
            """)
    void vatNumbersOfEuMemberStatesAreAcceptedAndStoredNormalized(String raw, String stored, String country) {
        Company updated = update(details().vatNumber(raw));

        assertThat(updated.billingDetails().vatNumber()).isEqualTo(stored);
        VatNumber vat = updated.billingDetails().vat().orElseThrow();
        assertThat(vat.isEu()).isTrue();
        assertThat(vat.country()).isEqualTo(CountryCode.of(country));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CHE-123.456.789 MWST | CHE123456789MWST
            NO 123 456 789 MVA   | NO123456789MVA
            XI 925 9016 18       | XI925901618
            """)
    void vatNumbersFromOutsideTheEuAreAcceptedInTheirGenericForm(String raw, String stored) {
        Company updated = update(details().vatNumber(raw));

        assertThat(updated.billingDetails().vatNumber()).isEqualTo(stored);
        assertThat(updated.billingDetails().vat().orElseThrow().isEu()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DE136695977          | VAT number DE136695977 fails the check digit for DE
            de 136 695 977       | VAT number DE136695977 fails the check digit for DE
            NL123456789B90       | VAT number NL123456789B90 fails the check digit for NL
            FR 04409414264       | VAT number FR04409414264 fails the check digit for FR
            ATU 143 43 102       | VAT number ATU14343102 fails the check digit for AT
            EL 094013834         | VAT number EL094013834 fails the check digit for EL
            IT00743110158        | VAT number IT00743110158 fails the check digit for IT
            ES 54362415K         | VAT number ES54362415K fails the check digit for ES
            PL5261025422         | VAT number PL5261025422 fails the check digit for PL
            BE 0406.139.583      | VAT number BE0406139583 fails the check digit for BE
            DE13669597           | VAT number DE13669597 does not match the DE format of 9 digits
            NL853746333          | VAT number NL853746333 does not match the NL format of 9 digits, B and 2 digits
            AT15159209           | VAT number AT15159209 does not match the AT format of U and 8 digits
            GR094259216          | VAT number GR094259216 must use the prefix EL for Greece
            QQ 124567            | VAT number QQ124567 has an unknown country prefix QQ
            136695976            | VAT number 136695976 must start with a two-letter country prefix
            DE136_695_976        | VAT number DE136_695_976 must consist of upper-case letters and digits only
            CH1                  | VAT number CH1 must have 2 to 15 letters or digits after CH
            """)
    void invalidVatNumbersAreRefusedNamingTheProblem(String raw, String message) {
        assertThat(refused(details().vatNumber(raw))).containsExactly(new Violation("vatNumber", message));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DE{1}", "DE${1+1}", "DE#{'x'}", "DE\\{x\\}"})
    void vatNumberProblemQuotesTheInputLiterallyNeverAsAMessageTemplate(String raw) {
        assertThat(refused(details().vatNumber(raw))).containsExactly(new Violation("vatNumber",
                "VAT number " + raw.toUpperCase(Locale.ROOT) + " must consist of upper-case letters and digits only"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   "})
    void blankVatNumberMeansNone(String blank) {
        Company updated = update(details().vatNumber(blank));

        assertThat(updated.billingDetails().vatNumber()).isNull();
        assertThat(updated.billingDetails().vat()).isEmpty();
    }

    @Test
    void vatNumberIsOptional() {
        Company updated = update(details().vatNumber(null));

        assertThat(updated.billingDetails().vatNumber()).isNull();
        assertThat(updated.billingDetails().vat()).isEmpty();
    }

    // --- billing email ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"billing@example.com", "first.last+invoices@sub.example.co.uk", "o'brien@example.ie",
            "x@example.museum", "accounts-payable@xn--bcher-kva.example"})
    void wellFormedBillingEmailsAreAccepted(String email) {
        assertThat(update(details().billingEmail(email)).billingDetails().billingEmail()).isEqualTo(email);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"not-an-email", "billing.example.com", "billing@", "@example.com", "bill ing@example.com",
            "billing@@example.com", "billing@exa mple.com", "billing@example..com", ".billing@example.com",
            "bill..ing@example.com", "billing@example.com\n", "billing@example.com; other@example.com"})
    void malformedBillingEmailsAreRefused(String email) {
        assertThat(refused(details().billingEmail(email))).contains(new Violation("billingEmail", MALFORMED_EMAIL))
                .allSatisfy(v -> assertThat(v.field()).isEqualTo("billingEmail"));
    }

    @Test
    void billingEmailOfAtMost254CharactersIsAccepted() {
        String longest = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";

        assertThat(longest).hasSize(254);
        assertThat(update(details().billingEmail(longest)).billingDetails().billingEmail()).isEqualTo(longest);
    }

    @Test
    void billingEmailLongerThan254CharactersIsRefused() {
        String tooLong = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";

        assertThat(tooLong).hasSize(255);
        assertThat(refused(details().billingEmail(tooLong)))
                .containsExactly(new Violation("billingEmail", "size must be between 0 and 254"));
    }

    @Test
    void emptyBillingEmailMeansNoneAndTheMainEmailIsUsed() {
        update(details().billingEmail("billing@example.com"));

        Company updated = update(details().billingEmail(""));

        assertThat(updated.billingDetails().billingEmail()).isNull();
        assertThat(updated.effectiveBillingEmail()).isEqualTo(updated.mainEmail());
    }

    // --- address sizes, required lines and control characters ---

    static Stream<Arguments> addressFieldLimits() {
        return Stream.of(
                Arguments.of("line1", 200),
                Arguments.of("line2", 200),
                Arguments.of("postalCode", 20),
                Arguments.of("city", 100),
                Arguments.of("region", 100));
    }

    @ParameterizedTest(name = "{0} up to {1}")
    @MethodSource("addressFieldLimits")
    void addressFieldsAreAcceptedUpToTheirLimit(String field, int max) {
        Company updated = update(details().billingAddress(addressWith(field, "x".repeat(max))));

        assertThat(updated.billingDetails().billingAddress()).isEqualTo(addressWith(field, "x".repeat(max)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("addressFieldLimits")
    void addressFieldsOverTheirLimitAreRefused(String field, int max) {
        String tooLong = "x".repeat(max + 1);
        String message = "size must be between 0 and " + max;

        assertThat(refused(details().billingAddress(addressWith(field, tooLong))))
                .containsExactly(new Violation("billingAddress." + field, message));
        assertThat(refused(details().shippingAddress(addressWith(field, tooLong))))
                .containsExactly(new Violation("shippingAddress." + field, message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"line1", "city"})
    void requiredAddressLinesMustNotBeBlank(String field) {
        for (String blank : new String[] {null, "", "   "}) {
            assertThat(refused(details().billingAddress(addressWith(field, blank))))
                    .containsExactly(new Violation("billingAddress." + field, "must not be blank"));
        }
    }

    @ParameterizedTest(name = "{0} with U+{1}")
    @CsvSource({
            "line1, 000A", "line1, 0000", "line2, 000D", "postalCode, 0009", "city, 0007", "city, 001B",
            "region, 007F", "region, 0085", "line2, 009F"})
    void addressFieldsWithControlCharactersAreRefused(String field, String codePoint) {
        String text = "Da" + Character.toString(Integer.parseInt(codePoint, 16)) + "mrak";

        assertThat(refused(details().billingAddress(addressWith(field, text))))
                .containsExactly(new Violation("billingAddress." + field, CONTROL_CHARACTERS));
        assertThat(refused(details().shippingAddress(addressWith(field, text))))
                .containsExactly(new Violation("shippingAddress." + field, CONTROL_CHARACTERS));
    }

    /** {@code @PlainText} promises text without line breaks; these two are line breaks but not ISO controls. */
    @ParameterizedTest(name = "{0} with U+{1}")
    @CsvSource({"line1, 2028", "city, 2029"})
    void addressFieldsWithUnicodeLineOrParagraphSeparatorsAreRefused(String field, String codePoint) {
        String text = "Da" + Character.toString(Integer.parseInt(codePoint, 16)) + "mrak";

        assertThat(refused(details().billingAddress(addressWith(field, text))))
                .containsExactly(new Violation("billingAddress." + field, CONTROL_CHARACTERS));
    }

    @Test
    void addressesInAnyScriptAreAccepted() {
        Address address = new Address("Rämistrasse 71", "Büro 3.14", "8006", "Zürich", "Kanton Zürich", "CH");
        Address greek = new Address("Λεωφόρος Βασιλίσσης Σοφίας 1", null, "106 71", "Αθήνα", null, "gr");

        Company updated = update(details().billingAddress(address).shippingAddress(greek));

        assertThat(updated.billingDetails().billingAddress()).isEqualTo(address);
        assertThat(updated.billingDetails().shippingAddress())
                .isEqualTo(new Address("Λεωφόρος Βασιλίσσης Σοφίας 1", null, "106 71", "Αθήνα", null, "GR"));
    }

    @Test
    void violationsOfBothAddressesAreNamedTogether() {
        List<Violation> violations = refused(details()
                .billingAddress(new Address("", null, null, "Amsterdam", null, "XX"))
                .shippingAddress(new Address("Damrak 1", null, "1".repeat(21), "Amster\ndam", null, "NLD")));

        assertThat(violations).containsExactly(
                new Violation("billingAddress.country", NOT_A_COUNTRY),
                new Violation("billingAddress.line1", "must not be blank"),
                new Violation("shippingAddress.city", CONTROL_CHARACTERS),
                new Violation("shippingAddress.country", NOT_A_COUNTRY),
                new Violation("shippingAddress.postalCode", "size must be between 0 and 20"));
    }

    // --- helpers ---

    private static BillingDetails.Builder details() {
        return BillingDetails.builder().billingAddress(address("NL"));
    }

    private static Address address(String country) {
        return new Address("Damrak 1", null, "1012 LG", "Amsterdam", null, country);
    }

    private static Address addressWith(String field, String value) {
        return switch (field) {
            case "line1" -> new Address(value, null, "1012 LG", "Amsterdam", null, "NL");
            case "line2" -> new Address("Damrak 1", value, "1012 LG", "Amsterdam", null, "NL");
            case "postalCode" -> new Address("Damrak 1", null, value, "Amsterdam", null, "NL");
            case "city" -> new Address("Damrak 1", null, "1012 LG", value, null, "NL");
            case "region" -> new Address("Damrak 1", null, "1012 LG", "Amsterdam", value, "NL");
            default -> throw new IllegalArgumentException(field);
        };
    }

    private Company update(BillingDetails.Builder details) {
        Company updated = fixture.billing.accounts().updateBillingDetails(admin, company.id(), details.build());
        assertThat(fixture.billing.accounts().find(admin, company.id())).isEqualTo(updated);
        company = updated;
        return updated;
    }

    /** The violations the update is refused with; checks that the stored company did not change. */
    private List<Violation> refused(BillingDetails.Builder details) {
        int events = fixture.events.events().size();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> fixture.billing.accounts().updateBillingDetails(admin, company.id(), details.build()));

        assertThat(e).as("refusal of %s", details.build()).isNotNull();
        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.INVALID_INPUT);
        assertThat(e.violations()).isSorted();
        assertThat(fixture.billing.accounts().find(admin, company.id())).isEqualTo(company);
        assertThat(fixture.events.events()).hasSize(events);
        return e.violations();
    }
}
