package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.URI;
import java.util.stream.Stream;
import org.billingsdk.core.port.PaymentProvider.SetupStart;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small values of the payment edge: what each accepts, refuses and prints. */
class ProviderValuesTest {

    /** Text no provider reference may have: empty, too long, white space or a control character. */
    static Stream<String> notReferenceText() {
        return Stream.of("", " ", "card declined", " card_declined", "card_declined\n", "tab\there", "nul\u0000",
                "nbsp\u00a0here", "x".repeat(256));
    }

    @Nested
    class DeclineCodes {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"card_declined", "insufficient_funds", "do_not_honor", "x"})
        void keepTheProvidersCodeVerbatimAndPrintIt(String text) {
            DeclineCode code = DeclineCode.of(text);

            assertThat(code.value()).isEqualTo(text);
            assertThat(code).hasToString(text).isEqualTo(new DeclineCode(text));
        }

        @Test
        void take255CharactersAtMost() {
            assertThat(DeclineCode.of("c".repeat(255)).value()).hasSize(255);
        }

        @ParameterizedTest(name = "''{0}''")
        @MethodSource("org.billingsdk.core.payment.ProviderValuesTest#notReferenceText")
        void refuseEmptyTextWhiteSpaceControlCharactersAndOverlongText(String text) {
            assertThatIllegalArgumentException().isThrownBy(() -> DeclineCode.of(text))
                    .withMessage("decline code must be 1 to 255 characters without white space or control characters");
        }

        @Test
        void refuseNull() {
            assertThatNullPointerException().isThrownBy(() -> DeclineCode.of(null)).withMessage("decline code");
        }

        @Test
        void areRequiredByTheDeclinesOfChargesAndRefunds() {
            assertThatNullPointerException().isThrownBy(() -> new ChargeOutcome.Declined(null, null, "No."))
                    .withMessage("code");
            assertThatNullPointerException().isThrownBy(() -> new RefundOutcome.Declined(null, null, "No."))
                    .withMessage("code");
        }
    }

    @Nested
    class MandateReferences {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"mandate_1Pgc78B7WZ01zgkW9EfgTVki", "NXDSYREGC9PSMKWY", "SIM-MANDATE-7"})
        void keepTheProvidersTextVerbatimAndPrintIt(String text) {
            MandateReference mandate = MandateReference.of(text);

            assertThat(mandate.value()).isEqualTo(text);
            assertThat(mandate).hasToString(text).isEqualTo(new MandateReference(text));
        }

        @ParameterizedTest(name = "''{0}''")
        @MethodSource("org.billingsdk.core.payment.ProviderValuesTest#notReferenceText")
        void refuseEmptyTextWhiteSpaceControlCharactersAndOverlongText(String text) {
            assertThatIllegalArgumentException().isThrownBy(() -> MandateReference.of(text))
                    .withMessageStartingWith("mandate reference must be 1 to 255 characters");
        }

        @Test
        void refuseNull() {
            assertThatNullPointerException().isThrownBy(() -> MandateReference.of(null))
                    .withMessage("mandate reference");
        }
    }

    @Nested
    class LastFours {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"4242", "0005", "3000", "a1B2", "ZZZZ"})
        void keepFourLettersOrDigitsAndPrintThem(String text) {
            Last4 last4 = Last4.of(text);

            assertThat(last4.value()).isEqualTo(text);
            assertThat(last4).hasToString(text).isEqualTo(new Last4(text));
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", "424", "42424", "4242424242424242", "42 2", "42-2", "４２４２", "42é2"})
        void refuseAnythingButExactlyFourAsciiLettersOrDigits(String text) {
            assertThatIllegalArgumentException().isThrownBy(() -> Last4.of(text))
                    .withMessage("only the last four characters of a card number or IBAN are kept");
        }

        @Test
        void refuseNullAsOutOfForm() {
            assertThatIllegalArgumentException().isThrownBy(() -> Last4.of(null))
                    .withMessage("only the last four characters of a card number or IBAN are kept");
        }

        @Test
        void areShownAsBeforeInTheDetailsOfCardsAndMandates() {
            MethodDetails card = new MethodDetails.Card("visa", Last4.of("4242"), 3, 2031);
            MethodDetails sepa = new MethodDetails.SepaDebit("ING", Last4.of("3000"), MandateReference.of("M-1"), true);

            assertThat(card.display()).isEqualTo("visa ending 4242, expires 03/2031");
            assertThat(sepa.display()).isEqualTo("SEPA Direct Debit ING ending 3000 (via iDEAL)");
        }

        @Test
        void areRequiredByTheDetailsOfCardsAndMandates() {
            assertThatNullPointerException().isThrownBy(() -> new MethodDetails.Card("visa", null, 3, 2031))
                    .withMessage("last4");
            assertThatNullPointerException()
                    .isThrownBy(() -> new MethodDetails.SepaDebit("ING", null, MandateReference.of("M-1"), false))
                    .withMessage("ibanLast4");
            assertThatNullPointerException()
                    .isThrownBy(() -> new MethodDetails.SepaDebit("ING", Last4.of("3000"), null, false))
                    .withMessage("mandateReference");
        }
    }

    @Nested
    class ClientSecrets {

        private static final String SECRET = "seti_1Nx_secret_Zq81LmT0";

        @Test
        void keepTheSecretForTheFrontEnd() {
            assertThat(ClientSecret.of(SECRET).value()).isEqualTo(SECRET);
            assertThat(ClientSecret.of(SECRET)).isEqualTo(new ClientSecret(SECRET));
        }

        @Test
        void neverPrintTheSecret() {
            assertThat(ClientSecret.of(SECRET)).hasToString("***");
        }

        @Test
        void areKeptOutOfTheTextOfAStartedSetUp() {
            SetupStart start = new SetupStart(SetupReference.of("seti_1Nx"), ClientSecret.of(SECRET),
                    URI.create("https://bank.example/ideal/seti_1Nx"));

            assertThat(start.toString()).doesNotContain(SECRET).doesNotContain("Zq81LmT0")
                    .isEqualTo("SetupStart[setupReference=seti_1Nx, clientSecret=***, "
                            + "redirectUrl=https://bank.example/ideal/seti_1Nx]");
            assertThat(new SetupStart(SetupReference.of("seti_1Nx"), ClientSecret.of(SECRET), null).redirectUrl())
                    .isNull();
        }

        @ParameterizedTest(name = "''{0}''")
        @MethodSource("org.billingsdk.core.payment.ProviderValuesTest#notReferenceText")
        void refuseTextNoSecretHasWithoutQuotingIt(String text) {
            assertThatIllegalArgumentException().isThrownBy(() -> ClientSecret.of(text))
                    .withMessage("client secret must be 1 to 255 characters without white space or control characters");
        }

        @Test
        void refuseARefusedSecretWithoutQuotingIt() {
            assertThatIllegalArgumentException().isThrownBy(() -> ClientSecret.of("seti_1 secret_Zq81LmT0"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Zq81LmT0"));
        }

        @Test
        void areRequiredByAStartedSetUp() {
            assertThatNullPointerException()
                    .isThrownBy(() -> new SetupStart(SetupReference.of("seti_1Nx"), null, null))
                    .withMessage("clientSecret");
            assertThatNullPointerException().isThrownBy(() -> ClientSecret.of(null)).withMessage("client secret");
        }
    }
}
