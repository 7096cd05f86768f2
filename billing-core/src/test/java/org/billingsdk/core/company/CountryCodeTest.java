package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodeTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NL    | NL
            nl    | NL
            De    | DE
            ' gr '| GR
            ch    | CH
            GB    | GB
            US    | US
            """)
    void acceptsIsoAlpha2CodesInAnyCaseAndNormalizesToUpperCase(String raw, String expected) {
        CountryCode code = CountryCode.of(raw);

        assertThat(code.value()).isEqualTo(expected);
        assertThat(code).hasToString(expected).isEqualTo(new CountryCode(expected));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"XX", "NLD", "", " ", "N", "N1", "12", "EL", "UK", "EU", "XI", "N L"})
    void refusesWhatIsNotAnAssignedIsoAlpha2Code(String raw) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CountryCode.of(raw))
                .withMessageContaining("ISO 3166-1 alpha-2")
                .withMessageContaining("'" + raw.trim().toUpperCase(Locale.ROOT) + "'");
        assertThat(CountryCode.isValid(raw)).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' has {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ß      | U+00DF
            ıt     | U+0131
            ıe     | U+0131
            İt     | U+0130
            ſe     | U+017F
            ﬁ      | U+FB01
            ﬀ      | U+FB00
            ＮＬ   | U+FF2E
            nｌ    | U+FF4C
            'nl ' | U+00A0
            """)
    void refusesNonAsciiCharactersInsteadOfFoldingThemIntoAnIsoCode(String raw, String codePoint) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CountryCode.of(raw))
                .withMessage("country code must be an ISO 3166-1 alpha-2 code such as NL, was '" + raw
                        + "', which has the non-ASCII character " + codePoint);
    }

    @Test
    void constructorTakesOnlyTheUpperCaseForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode("nl"));
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode(" NL"));
        assertThat(CountryCode.isValid("nl")).isFalse();
        assertThat(CountryCode.isValid("NL")).isTrue();
    }

    @Test
    void nullIsNeitherValidNorAccepted() {
        assertThat(CountryCode.isValid(null)).isFalse();
        assertThatNullPointerException().isThrownBy(() -> CountryCode.of(null));
        assertThatNullPointerException().isThrownBy(() -> new CountryCode(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NL", "GR", "DE", "FR", "HR", "CY", "MT", "IE", "SE", "BG", "RO", "AT"})
    void memberStatesOfTheEuAreEu(String code) {
        assertThat(CountryCode.of(code).isEuMemberState()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CH", "GB", "NO", "IS", "LI", "US", "TR", "UA", "MC", "AD"})
    void countriesOutsideTheEuAreNotEu(String code) {
        assertThat(CountryCode.of(code).isEuMemberState()).isFalse();
    }

    @Test
    void lowerCaseInputIsNormalizedBeforeTheEuCheck() {
        assertThat(CountryCode.of("nl").isEuMemberState()).isTrue();
        assertThat(CountryCode.of("ch").isEuMemberState()).isFalse();
    }

    @Test
    void theEuHasExactlyTwentySevenMemberStatesAmongTheIsoCodes() {
        long members = Arrays.stream(Locale.getISOCountries())
                .map(CountryCode::of)
                .filter(CountryCode::isEuMemberState)
                .count();

        assertThat(members).isEqualTo(27);
    }
}
