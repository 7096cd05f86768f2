package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.internal.InputValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * An {@link EmailAddress} holds every address the operations' input validation accepts (and trims),
 * since stored addresses are read back through it, and refuses what no such address can be.
 */
class EmailAddressTest {

    private static final InputValidator INPUT = InputValidator.create();

    /**
     * The longest address: 254 characters, as the input constraint allows, of a local part of the
     * 64 characters {@code @Email} allows and a domain of labels of at most 63.
     */
    private static final String LONGEST = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "."
            + "d".repeat(61);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "billing@acme.example",
        "first.last+invoices@sub.acme.example",
        "\"John Doe\"@acme.example",
        "\"John..Doe\"@acme.example",
        "\"a@b\"@acme.example",
        "\"\\\"quoted\\\"\"@acme.example",
        "admin@[192.168.0.1]",
        "admin@[IPv6:2001:db8::1]",
        "jürgen@müller.example",
        "用户@例子.广告",
        "\u00A0a@acme.example",
        "a@acme.example\u00A0",
        "\u2003a@acme.example",
        "a@localhost",
        "!#$%&'*+/=?^_`{|}~-@acme.example"})
    void holdsAnAddressTheInputValidationAccepts(String address) {
        assertThat(acceptedAsMainEmail(address)).as("accepted as a main email").isTrue();
        assertThat(acceptedAsBillingEmail(address)).as("accepted as a billing email").isTrue();

        EmailAddress email = EmailAddress.of(address);

        assertThat(email.value()).isEqualTo(address);
        assertThat(email).hasToString(address).isEqualTo(new EmailAddress(address));
    }

    @Test
    void holdsTheLongestAddressTheInputValidationAccepts() {
        assertThat(LONGEST).hasSize(254);
        assertThat(acceptedAsMainEmail(LONGEST)).isTrue();
        assertThat(acceptedAsMainEmail(LONGEST + "d")).isFalse();

        assertThat(EmailAddress.of(LONGEST).value()).hasSize(254);
    }

    @Test
    void isComparedByItsExactText() {
        assertThat(EmailAddress.of("Billing@acme.example")).isNotEqualTo(EmailAddress.of("billing@acme.example"))
                .isEqualTo(EmailAddress.of("Billing@acme.example"));
    }

    @Test
    void nullIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> EmailAddress.of(null)).withMessage("email address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u2003\u2003"})
    void aBlankAddressIsRefused(String blank) {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(blank))
                .withMessage("email address must not be blank");
    }

    @Test
    void anAddressLongerThan254CharactersIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of("a" + LONGEST))
                .withMessage("email address must be at most 254 characters, was 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {" billing@acme.example", "billing@acme.example ", "\tbilling@acme.example",
        "billing@acme.example\n"})
    void anAddressStartingOrEndingWithWhiteSpaceIsRefused(String untrimmed) {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(untrimmed))
                .withMessage("email address must not start or end with white space");
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing.acme.example", "@acme.example", "billing@", "@", "billing@acme@"})
    void anAddressWithoutTextOnBothSidesOfItsLastAtIsRefused(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(address))
                .withMessage("email address must have text before and after an @");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bill\u0000ing@acme.example", "bill\ning@acme.example", "bill\ting@acme.example",
        "billing@acme\u007F.example", "billing@acme\u0085.example", "billing@acme\u2028.example",
        "billing@acme\u2029.example"})
    void anAddressWithAControlCharacterOrALineBreakIsRefused(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(address))
                .withMessage("email address must not contain control characters or line breaks");
    }

    @Test
    void aRefusalDoesNotRepeatTheAddress() {
        for (String address : List.of("secret.person@", "secret.person\n@acme.example",
                "secret.person@acme.example ", "secret.person".repeat(20) + "@acme.example")) {
            assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(address))
                    .withMessageNotContaining("secret");
        }
    }

    /**
     * Addresses built of the pieces addresses are made of and of those that break them (spaces,
     * quotes, backslashes, brackets, control and format characters, line breaks), a dot-atom or a
     * quoted local part, an {@code @}, a domain, and white space around: whatever the input
     * validation accepts as a main or billing email, trimmed as the operations trim it, is an
     * {@link EmailAddress}.
     */
    @Test
    void everyAddressTheInputValidationAcceptsIsAnEmailAddress() {
        List<String> breaking = List.of(" ", "\t", "\n", "\u0000", "\u007F", "\u0085", "\u00A0", "\u2003",
                "\u200B", "\u2028", "@", "\"", "\\");
        Gen<String> atom = pieces(List.of("a", "Z", "0", "+", "_", "-", ".", "é", "例", "!", "~"), breaking, 6);
        Gen<String> quoted = pieces(List.of("a", " ", ".", "@", "(", ")", ",", "\\\"", "\\\\", "é"), breaking, 6)
                .map(inside -> "\"" + inside + "\"");
        Gen<String> domain = pieces(List.of("acme", ".", "example", "-", "0", "例", "[1.2.3.4]", "[IPv6:::1]"),
                breaking, 5);
        Gen<String> around = Generate.pick(List.of("", "", "", " ", "\t", "\n", "\u00A0", "\u2003", "\u200B"));
        Gen<String> texts = Generate.oneOf(atom, quoted).zip(domain, (local, host) -> local + "@" + host)
                .zip(around, around, (address, before, after) -> before + address + after);
        int[] accepted = {0};
        qt().withExamples(6000).forAll(texts).checkAssert(text -> {
            if (acceptedAsMainEmail(text) || acceptedAsBillingEmail(text) && !text.isBlank()) {
                accepted[0]++;
                assertThat(EmailAddress.of(text.trim()).value()).isEqualTo(text.trim());
            }
        });
        assertThat(accepted[0]).as("addresses the input validation accepted").isGreaterThan(100);
    }

    @Test
    void theBillingEmailOfDetailsThatPassedValidationIsAnEmailAddress() {
        qt().withExamples(200).forAll(integers().between(1, 64)).checkAssert(length -> {
            String address = "b".repeat(length) + "@acme.example";
            BillingDetails details = BillingDetails.builder().billingEmail(address)
                    .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build();
            INPUT.check(details);

            assertThat(details.email()).contains(EmailAddress.of(address));
            assertThat(details.normalized().email()).contains(EmailAddress.of(address));
        });
        assertThat(BillingDetails.builder().billingEmail("").build().email()).isEmpty();
        assertThat(BillingDetails.builder().build().email()).isEmpty();
    }

    /** Text of 1 to {@code most} pieces, mostly of {@code usual}, sometimes of {@code breaking}. */
    private static Gen<String> pieces(List<String> usual, List<String> breaking, int most) {
        Gen<String> piece = Generate.frequency(Pair.of(9, Generate.pick(usual)), Pair.of(1, Generate.pick(breaking)));
        return lists().of(piece).ofSizeBetween(1, most).map(parts -> String.join("", parts));
    }

    private static boolean acceptedAsMainEmail(String text) {
        return accepted(NewCompany.of("Acme", text));
    }

    private static boolean acceptedAsBillingEmail(String text) {
        return accepted(BillingDetails.builder().billingEmail(text)
                .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build());
    }

    private static boolean accepted(Object input) {
        try {
            INPUT.check(input);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
