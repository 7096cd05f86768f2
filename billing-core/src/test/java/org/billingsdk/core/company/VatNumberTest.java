package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The valid numbers are published ones: python-stdnum's tests/test_eu_vat.doctest and module
 * docstrings, DragonBe/vies's validator tests (HR, XI) and, for XI517356542, the tests of the Perl
 * module Business::Tax::VAT::Validation. The invalid ones are python-stdnum's mangled numbers, or
 * published valid numbers with one digit changed; each was cross-checked against python-stdnum.
 * The numbers of {@link #acceptsValidNumbersAsPublished} are real, valid VAT numbers exactly as
 * they were published online, separators and all; an outside test found them among 733 such numbers.
 */
class VatNumberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ATU 142 43 102        | ATU14243102
            ATU 15159209          | ATU15159209
            ATU61195628           | ATU61195628
            BE 0202.239.951       | BE0202239951
            BE0428759497          | BE0428759497
            BE 0897290877         | BE0897290877
            BG 175 074 752        | BG175074752
            BG 131 272 009        | BG131272009
            BG7523169263          | BG7523169263
            BG7111042925          | BG7111042925
            BG 7153849522         | BG7153849522
            CY 10246672X          | CY10246672X
            CY-10259033P          | CY10259033P
            CY00632993 F          | CY00632993F
            CZ 25123891           | CZ25123891
            CZ 640903926          | CZ640903926
            CZ7205151536          | CZ7205151536
            CZ 6956220612         | CZ6956220612
            DE136695976           | DE136695976
            DE 118619592          | DE118619592
            DE - 113866163        | DE113866163
            DE812847601           | DE812847601
            DK 13 20 24 35        | DK13202435
            DK-27630308           | DK27630308
            DK10150817            | DK10150817
            EE 100 931 558        | EE100931558
            EE101256753           | EE101256753
            EE 100594102          | EE100594102
            EL094259216           | EL094259216
            EL 039868210          | EL039868210
            EL-082857563          | EL082857563
            El 800 179 925        | EL800179925
            ES 54362315K          | ES54362315K
            ES X-5253868-R        | ESX5253868R
            ES Y5277343F          | ESY5277343F
            ES A-28184661         | ESA28184661
            ES Q-2818015-F        | ESQ2818015F
            FI 02459042           | FI02459042
            FI 0982651-1          | FI09826511
            FI18261444            | FI18261444
            Fr 40 303 265 045     | FR40303265045
            FR 114 248 728 36     | FR11424872836
            FR K 7399859412       | FRK7399859412
            FR16000063601         | FR16000063601
            HR 33392005961        | HR33392005961
            HR38192148118         | HR38192148118
            HU 10672101           | HU10672101
            HU-12892312           | HU12892312
            HU13852467            | HU13852467
            IE 6433435F           | IE6433435F
            IE6433435OA           | IE6433435OA
            IE8D79739I            | IE8D79739I
            IE 9Y71814N           | IE9Y71814N
            IT 00743110157        | IT00743110157
            IT-01626160210        | IT01626160210
            IT 0 0 6 1 8 2 8 0 4 9 9 | IT00618280499
            LT 119511515          | LT119511515
            LT 100001919017       | LT100001919017
            LT100004801610        | LT100004801610
            LU 10059929           | LU10059929
            LU.248.70.640         | LU24870640
            LU 150 274 42         | LU15027442
            LV 4000 3521 600      | LV40003521600
            LV-40003241337        | LV40003241337
            LV 161175-19997       | LV16117519997
            MT 1167-9112          | MT11679112
            MT 20630321           | MT20630321
            MT 1465 8213          | MT14658213
            NL853746333B01        | NL853746333B01
            NL 820605876B01       | NL820605876B01
            NL.8143.26.584.B.01   | NL814326584B01
            NL002455799B11        | NL002455799B11
            PL 584-030-44-72      | PL5840304472
            PL5261025421          | PL5261025421
            PL 7780104605         | PL7780104605
            PT 501 964 843        | PT501964843
            PT-505 856 468        | PT505856468
            PT503038083           | PT503038083
            RO 185 472 90         | RO18547290
            RO 573768             | RO573768
            RO-23867797           | RO23867797
            SE 556058115801       | SE556058115801
            SE-5562245190-01      | SE556224519001
            SE 556.383.740.901    | SE556383740901
            SI 5022 3054          | SI50223054
            SI-83815201           | SI83815201
            SI 92351069           | SI92351069
            SK 202 274 96 19      | SK2022749619
            SK2022193459          | SK2022193459
            SK 1078449064         | SK1078449064
            """)
    void acceptsPublishedNumbersOfEveryMemberState(String raw, String normalized) {
        VatNumber vat = VatNumber.of(raw);

        assertThat(vat.value()).isEqualTo(normalized);
        assertThat(vat.isEu()).isTrue();
        assertThat(vat.country().isEuMemberState()).isTrue();
        assertThat(VatNumber.problemWith(raw)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            XI 925 9016 18        | XI925901618
            XI-517356542          | XI517356542
            XI 980 7806 84        | XI980780684
            XI 100190874          | XI100190874
            XI 242338087388       | XI242338087388
            XIGD001               | XIGD001
            XIHA500               | XIHA500
            """)
    void acceptsPublishedNorthernIrelandNumbersAsBritishAndOutsideTheEu(String raw, String normalized) {
        VatNumber vat = VatNumber.of(raw);

        assertThat(vat.value()).isEqualTo(normalized);
        assertThat(vat.country()).isEqualTo(CountryCode.of("GB"));
        assertThat(vat.isEu()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ATU 143 43 102        | ATU14343102    | AT
            BE 0406.139.583       | BE0406139583   | BE
            BG 131 172 009        | BG131172009    | BG
            BG 1037735942         | BG1037735942   | BG
            CY 10246672F          | CY10246672F    | CY
            CZ 25557481           | CZ25557481     | CZ
            CZ 8058018314         | CZ8058018314   | CZ
            DE136695977           | DE136695977    | DE
            DK 11 96 56 58        | DK11965658     | DK
            EE 100 941 558        | EE100941558    | EE
            EL 094013834          | EL094013834    | EL
            ES 54362415K          | ES54362415K    | ES
            Es-a48951310          | ESA48951310    | ES
            FI02459043            | FI02459043     | FI
            FR 04409414264        | FR04409414264  | FR
            FR K 7399859312       | FRK7399859312  | FR
            HR33392005962         | HR33392005962  | HR
            HU10672102            | HU10672102     | HU
            IE 4731823H           | IE4731823H     | IE
            IE8D79729I            | IE8D79729I     | IE
            IT00743110158         | IT00743110158  | IT
            LT100001919018        | LT100001919018 | LT
            LU10059928            | LU10059928     | LU
            LV 40003189715        | LV40003189715  | LV
            MT11679113            | MT11679113     | MT
            NL123456789B90        | NL123456789B90 | NL
            PL5261025422          | PL5261025422   | PL
            PT501964842           | PT501964842    | PT
            RO18547291            | RO18547291     | RO
            RO 1630615123458      | RO1630615123458 | RO
            SE556058115901        | SE556058115901 | SE
            SI50223055            | SI50223055     | SI
            SK 1078449164         | SK1078449164   | SK
            XI434031493           | XI434031493    | XI
            XI802311781           | XI802311781    | XI
            """)
    void refusesWrongCheckDigitNamingTheCountry(String raw, String normalized, String prefix) {
        String expected = "VAT number " + normalized + " fails the check digit for " + prefix;

        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of(raw)).withMessage(expected);
        assertThat(VatNumber.problemWith(raw)).contains(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            IT00687129980  | unknown tax office code
            LT100001509922 | no 1 before the check digit
            CY12259033P    | starts with 12
            CZ95123891     | legal entity starting with 9
            LV16137519997  | impossible birth date
            RO1632215123457 | impossible birth date in a personal code
            RO0630615123457 | personal code starting with 0
            XIGD500        | government department above 499
            """)
    void refusesNumbersWhoseFixedPartsAreWrong(String value, String reason) {
        assertThat(VatNumber.problemWith(value)).hasValueSatisfying(problem -> assertThat(problem)
                .isEqualTo("VAT number " + value + " fails the check digit for " + value.substring(0, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DE13669597     | DE | 9 digits
            DE1366959761   | DE | 9 digits
            ATU1515920     | AT | U and 8 digits
            AT15159209     | AT | U and 8 digits
            NL853746333B1  | NL | 9 digits, B and 2 digits
            SE55643359201  | SE | 10 digits and 01
            LT1000013541   | LT | 9 or 12 digits
            RO1            | RO | 2 to 10 digits, or 13 digits
            RO12345678901  | RO | 2 to 10 digits, or 13 digits
            ESB583784312   | ES | a letter or digit, 7 digits and a letter or digit
            XI12345678     | XI | 9 or 12 digits, or GD or HA and 3 digits
            """)
    void refusesWrongLengthNamingTheCountryFormat(String value, String prefix, String format) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatNumber.of(value))
                .withMessage("VAT number " + value + " does not match the " + prefix + " format of " + format);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            BE (0)468.561.072 | BE0468561072
            CZ 640229/4448    | CZ6402294448
            DK: 21599336      | DK21599336
            EL: 094279805     | EL094279805
            IT: 02331250163   | IT02331250163
            LU: 2294 4200     | LU22944200
            CZ8801251680      | CZ8801251680
            RO 1630615123457  | RO1630615123457
            IE6+52888Q        | IE6+52888Q
            LV32981980575     | LV32981980575
            """)
    void acceptsValidNumbersAsPublished(String published, String compact) {
        assertThat(VatNumber.problemWith(published)).isEmpty();
        assertThat(VatNumber.of(published).value()).isEqualTo(compact);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IE6+52888Q", "IE6*52888Q", "IE 6+52888Q", "ie6*52888q"})
    void acceptsOldIrishNumbersWithPlusOrStarAsSecondCharacterAndKeepsIt(String written) {
        VatNumber vat = VatNumber.of(written);

        assertThat(vat.value()).isEqualTo("IE6" + written.replace(" ", "").charAt(3) + "52888Q");
        assertThat(new VatNumber(vat.value())).isEqualTo(vat);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IE6+52888R", "IE6*52888R"})
    void checksTheCheckLetterOfOldIrishNumbersWithPlusOrStar(String value) {
        assertThat(VatNumber.problemWith(value)).contains("VAT number " + value + " fails the check digit for IE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IE+652888Q", "IE65+2888Q", "IE6++2888Q", "IE6+52888+", "DE1+3669597", "CY1*259033P"})
    void refusesPlusAndStarAnywhereButAsSecondCharacterOfAnIrishNumber(String value) {
        assertThat(VatNumber.problemWith(value))
                .contains("VAT number " + value + " must consist of upper-case letters and digits only");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LV32981980575", "LV 328673-00679"})
    void acceptsLatvianPersonalCodesStarting32WhichHaveNoBirthDate(String written) {
        assertThat(VatNumber.problemWith(written)).isEmpty();
    }

    @Test
    void checksTheCheckDigitOfLatvianPersonalCodesStarting32() {
        assertThat(VatNumber.problemWith("LV32867300677")).contains("VAT number LV32867300677 fails the check digit for LV");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CZ8801251680", "SK8801251680"})
    void acceptsBirthNumbersAfter1985WhoseRemainderOfTenIsWrittenZero(String value) {
        assertThat(VatNumber.problemWith(value)).isEmpty();
        assertThat(VatNumber.problemWith(value.substring(0, 11) + "1"))
                .contains("VAT number " + value.substring(0, 11) + "1 fails the check digit for " + value.substring(0, 2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "de 136 695 976", "DE\t136\n695\r976",
        "DE\u00A0136\u00A0695\u00A0976", "DE\u202F136\u2009695\u3000976",
        "de.136.695.976", "DE-136-695-976", "DE \u2013 136695976",
        "DE\u2010136\u2011695\u2012976\u2014", "DE\u2212136695976",
        "DE 136/695/976", "DE: 136695976", "(DE) 136 695 976", "DE (136) 695-976"})
    void removesWhitespaceDotsDashesSlashesColonsAndParentheses(String written) {
        assertThat(VatNumber.of(written).value()).isEqualTo("DE136695976");
    }

    @Test
    void normalizesCaseSpacesDotsAndDashes() {
        VatNumber vat = VatNumber.of(" de 136.695-976 ");

        assertThat(vat).isEqualTo(VatNumber.of("DE136695976"));
        assertThat(vat.value()).isEqualTo("DE136695976");
        assertThat(vat).hasToString("DE136695976");
    }

    @Test
    void completesOldShortBelgianGreekAndDutchForms() {
        assertThat(VatNumber.of("BE 428 759 497").value()).isEqualTo("BE0428759497");
        assertThat(VatNumber.of("EL 94051189").value()).isEqualTo("EL094051189");
        assertThat(VatNumber.of("NL4495445B01").value()).isEqualTo("NL004495445B01");
    }

    @ParameterizedTest(name = "''{0}'' has {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ıE6433435F        | ıE6433435F        | U+0131
            ıe 6433435f       | ıe6433435f        | U+0131
            İE6433435F        | İE6433435F        | U+0130
            ſE 556058115801   | ſE556058115801    | U+017F
            ﬁ 02459042        | ﬁ02459042         | U+FB01
            CH ﬀ123456        | CHﬀ123456         | U+FB00
            CH 123456ß        | CH123456ß         | U+00DF
            ＤＥ136695976     | ＤＥ136695976     | U+FF24
            DE１３６６９５９７６ | DE１３６６９５９７６ | U+FF11
            DE136695976​ | DE136695976​ | U+200B
            """)
    void refusesNonAsciiCharactersInsteadOfFoldingThemIntoAsciiLetters(String raw, String compact, String codePoint) {
        String expected = "VAT number " + compact + " has the non-ASCII character " + codePoint;

        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of(raw)).withMessage(expected);
        assertThat(VatNumber.problemWith(raw)).contains(expected);
    }

    @Test
    void foldsCaseTheSameWayInATurkishDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(VatNumber.of("ie 6433435f").value()).isEqualTo("IE6433435F");
            assertThat(VatNumber.of("it 00743110157").value()).isEqualTo("IT00743110157");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void constructorTakesOnlyTheNormalizedForm() {
        assertThat(new VatNumber("DE136695976")).isEqualTo(VatNumber.of("de 136 695 976"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VatNumber("de136695976"))
                .withMessage("VAT number de136695976 must consist of upper-case letters and digits only");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VatNumber("BE428759497"))
                .withMessage("VAT number BE428759497 does not match the BE format of 10 digits");
    }

    @Test
    void mapsGreekPrefixElToCountryGr() {
        VatNumber vat = VatNumber.of("EL094259216");

        assertThat(vat.country()).isEqualTo(CountryCode.of("GR"));
        assertThat(vat.isEu()).isTrue();
    }

    @Test
    void refusesIsoCodeGrAsGreekPrefix() {
        assertThat(VatNumber.problemWith("GR094259216"))
                .contains("VAT number GR094259216 must use the prefix EL for Greece");
    }

    @Test
    void mapsEveryOtherMemberStatePrefixToItsOwnCountry() {
        assertThat(VatNumber.of("DE136695976").country()).isEqualTo(CountryCode.of("DE"));
        assertThat(VatNumber.of("NL853746333B01").country()).isEqualTo(CountryCode.of("NL"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CHE-123.456.789 MWST | CHE123456789MWST | CH
            NO 123 456 789 MVA   | NO123456789MVA   | NO
            GB 980 7806 84       | GB980780684      | GB
            US 12-3456789        | US123456789      | US
            """)
    void acceptsOtherCountriesInTheGenericFormatOutsideTheEu(String raw, String normalized, String country) {
        VatNumber vat = VatNumber.of(raw);

        assertThat(vat.value()).isEqualTo(normalized);
        assertThat(vat.country()).isEqualTo(CountryCode.of(country));
        assertThat(vat.isEu()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CH1", "NO1234567890123456"})
    void refusesOtherCountriesOutsideTwoToFifteenCharacters(String value) {
        String prefix = value.substring(0, 2);

        assertThat(VatNumber.problemWith(value))
                .contains("VAT number " + value + " must have 2 to 15 letters or digits after " + prefix);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EU372022452", "EU 372 022 452", "eu372022452"})
    void refusesEuPrefixedOneStopShopNumbersAsNotAMemberStatesVatNumber(String written) {
        String expected = "VAT number EU372022452 is a One-Stop-Shop identification number of a non-EU business, "
                + "not a member state's VAT number, and cannot be used for reverse charge";

        assertThat(VatNumber.problemWith(written)).contains(expected);
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of(written)).withMessage(expected);
        assertThatIllegalArgumentException().isThrownBy(() -> new VatNumber("EU372022452")).withMessage(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"VAT: DE136695976", "VAT DE136695976", "vat:de136695976", "VAT-NL853746333B01"})
    void refusesANumberWrittenAfterTheWordVatInsteadOfReadingItAsTheVaticans(String written) {
        assertThat(VatNumber.problemWith(written)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("starts with the word VAT; write the number alone, beginning with its country prefix"));
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of(written));
    }

    @Test
    void refusesUnknownPrefix() {
        assertThat(VatNumber.problemWith("QQ 124567"))
                .contains("VAT number QQ124567 has an unknown country prefix QQ");
    }

    @Test
    void refusesNumberWithoutTwoLetterPrefix() {
        assertThat(VatNumber.problemWith("136695976"))
                .contains("VAT number 136695976 must start with a two-letter country prefix");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            DE136_695_976     | DE136_695_976
            DE136,695,976     | DE136,695,976
            DE136695976;      | DE136695976;
            DE[136695976]     | DE[136695976]
            DE{136695976}     | DE{136695976}
            DE<136695976>     | DE<136695976>
            DE#136695976      | DE#136695976
            DE136695976!      | DE136695976!
            DE136695976?      | DE136695976?
            DE*136695976      | DE*136695976
            DE136+695976      | DE136+695976
            DE'136'695'976    | DE'136'695'976
            DE\\136695976     | DE\\136695976
            DE136695976=      | DE136695976=
            DE136695976&      | DE136695976&
            DE136695976%      | DE136695976%
            DE~136695976      | DE~136695976
            DE`136695976      | DE`136695976
            DE136@695976      | DE136@695976
            DE (136) 695,976  | DE136695,976
            DE: 136/695_976   | DE136695_976
            """)
    void refusesCharactersOtherThanSeparatorsLettersAndDigits(String raw, String compact) {
        assertThat(VatNumber.problemWith(raw))
                .contains("VAT number " + compact + " must consist of upper-case letters and digits only");
    }

    @Test
    void problemWithIsEmptyForValidNumber() {
        assertThat(VatNumber.problemWith("NL 8537.46.333 B01")).isEmpty();
    }

    @Test
    void problemWithNamesTheProblemOfInvalidNumberWithoutThrowing() {
        assertThat(VatNumber.problemWith("DE136695977"))
                .contains("VAT number DE136695977 fails the check digit for DE");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " - . "})
    void problemWithSaysRequiredForMissingNumber(String raw) {
        assertThat(VatNumber.problemWith(raw)).contains("VAT number is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatNumber.of(raw))
                .withMessage("VAT number is required");
    }
}
