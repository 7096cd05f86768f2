package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.VatNumber;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link VatNumber#problemWith} and {@link VatNumber#of} on arbitrary strings: arbitrary Unicode,
 * printable ASCII, and valid numbers with characters inserted, replaced or removed (separators,
 * look-alike letters, control characters, lone surrogates). {@code problemWith} never throws; it
 * answers empty exactly when {@code of} accepts, with a value in normalized form from which only
 * separators were removed, and otherwise the sentence {@code of} throws. A letter that upper-cases
 * into ASCII ones ({@code ı}, {@code ſ}, {@code ß}, ligatures) is refused, here and by
 * {@link CountryCode#of}, which accepts exactly the ISO codes written in ASCII.
 */
class VatNumberProperties {

    private static final int EXAMPLES = 4000;

    /** The separators {@code of} removes, as its javadoc lists them. */
    private static final Pattern SEPARATOR = Pattern.compile("[ \\t\\n\\x0B\\f\\r\\p{Zs}.\\-\\u2010-\\u2014\\u2212/:()]");
    private static final Pattern NORMALIZED = Pattern.compile("[A-Z]{2}[A-Z0-9]+|IE[0-9][+*][A-Z0-9]+");

    private static final List<String> VALID = List.of(
            "DE136695976", "de 136.695-976", "ATU 142 43 102", "BE (0)468.561.072", "BE 428 759 497",
            "CZ 640229/4448", "CZ8801251680", "DK: 21599336", "EL 94051189", "ES X-5253868-R",
            "FR K 7399859412", "IE6+52888Q", "IE 6433435OA", "IE8D79739I", "IT: 02331250163",
            "LU: 2294 4200", "LV32981980575", "LV 161175-19997", "NL.8143.26.584.B.01", "NL4495445B01",
            "RO 1630615123457", "RO 185 472 90", "SE-5562245190-01", "SK 202 274 96 19", "XIGD001",
            "XI 242338087388", "CHE-123.456.789 MWST", "NO 123 456 789 MVA", "FI 02459042", "SI 5022 3054",
            "ES Y5277343F", "CH ST123FF");

    /** Letters that upper-case into ASCII ones, and what they become. */
    private static final Map<String, String> FOLDING_INTO_ASCII = Map.of(
            "I", "ı", "S", "ſ", "FI", "ﬁ", "SS", "ß", "ST", "ﬆ", "FF", "ﬀ", "FL", "ﬂ");

    private static final List<String> INSERTED = List.of(
            " ", "\t", "\n", "\u00A0", "\u202F", "\u3000", ".", "-", "\u2013", "\u2212", "/", ":", "(", ")",
            "+", "*", "_", ",", ";", "#", "\\", "{", "}", "$", "%", "0", "1", "9", "a", "B", "U", "O",
            "ı", "İ", "ß", "ſ", "ﬀ", "ﬁ", "Ｅ", "１", "é", "\u200B", "\u2028", "\u0000", "\u001C",
            "\uD800", "\uDC00", "😀", "EU", "GR", "QQ");

    @Test
    void problemWithAndOfAgreeOnArbitraryUnicode() {
        qt().withExamples(EXAMPLES).forAll(strings().allPossible().ofLengthBetween(0, 20))
                .checkAssert(VatNumberProperties::problemWithAgreesWithOf);
    }

    @Test
    void problemWithAndOfAgreeOnPrintableAscii() {
        qt().withExamples(EXAMPLES).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 20))
                .checkAssert(VatNumberProperties::problemWithAgreesWithOf);
    }

    @Test
    void problemWithAndOfAgreeOnValidNumbersWithCharactersInsertedReplacedOrRemoved() {
        qt().withExamples(EXAMPLES).forAll(mangledValidNumbers())
                .checkAssert(VatNumberProperties::problemWithAgreesWithOf);
    }

    @Test
    void aLetterThatUpperCasesIntoAnAsciiOneIsRefusedNotFolded() {
        Gen<String> lookAlikes = Generate.pick(VALID).zip(integers().between(0, 100), (number, pick) -> {
            List<int[]> places = new ArrayList<>();
            FOLDING_INTO_ASCII.keySet().forEach(ascii -> {
                for (int at = number.indexOf(ascii); at >= 0; at = number.indexOf(ascii, at + 1)) {
                    places.add(new int[] {at, ascii.length()});
                }
            });
            if (places.isEmpty()) {
                return "CH ſ123";
            }
            int[] place = places.get(pick % places.size());
            String ascii = number.substring(place[0], place[0] + place[1]);
            return number.substring(0, place[0]) + FOLDING_INTO_ASCII.get(ascii) + number.substring(place[0] + place[1]);
        });
        qt().withExamples(EXAMPLES).forAll(lookAlikes).checkAssert(raw -> {
            assertThat(VatNumber.problemWith(raw)).hasValueSatisfying(problem -> assertThat(problem).contains("non-ASCII"));
            problemWithAgreesWithOf(raw);
        });
    }

    @Test
    void countryCodeOfAcceptsExactlyAsciiIsoCodesAndRefusesEverythingElse() {
        Set<String> iso = Set.of(Locale.getISOCountries());
        Gen<String> codes = strings().allPossible().ofLengthBetween(0, 4)
                .mix(Generate.pick(List.of("nl", " De ", "ß", "ıt", "ſe", "ﬁ", "ＮＬ", "gr\u00A0", "EL", "eu")), 30);
        qt().withExamples(EXAMPLES).forAll(codes).checkAssert(raw -> {
            Throwable thrown = catchThrowable(() -> CountryCode.of(raw));
            boolean ascii = raw.chars().allMatch(c -> c <= 0x7F);
            if (thrown == null) {
                assertThat(ascii).as("accepted only if ASCII").isTrue();
                assertThat(iso).contains(raw.strip().toUpperCase(Locale.ROOT));
            } else {
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 3166-1");
                assertThat(ascii && iso.contains(raw.strip().toUpperCase(Locale.ROOT))).isFalse();
            }
        });
    }

    private static void problemWithAgreesWithOf(String raw) {
        Optional<String> problem = VatNumber.problemWith(raw);
        if (problem.isEmpty()) {
            VatNumber vat = VatNumber.of(raw);
            String value = vat.value();
            assertThat(value).matches(NORMALIZED);
            assertThat(new VatNumber(value)).isEqualTo(vat);
            assertThat(VatNumber.of(value)).isEqualTo(vat);
            assertThat(VatNumber.problemWith(value)).isEmpty();
            String kept = SEPARATOR.matcher(raw).replaceAll("");
            assertThat(kept).as("nothing but separators is removed").matches("[A-Za-z0-9+*]+");
            assertThat(withoutLeadingZeros(value)).isEqualTo(withoutLeadingZeros(kept.toUpperCase(Locale.ROOT)));
        } else {
            assertThat(problem.get()).startsWith("VAT number ");
            assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of(raw)).withMessage(problem.get());
        }
    }

    /** The number without the zeros {@code of} may add after the prefix to complete an old short form. */
    private static String withoutLeadingZeros(String number) {
        return number.substring(0, 2) + number.substring(2).replaceFirst("^0+", "");
    }

    private static Gen<String> mangledValidNumbers() {
        Gen<Edit> edits = integers().between(0, 40)
                .zip(integers().between(0, 2), Generate.pick(INSERTED), Edit::new);
        return Generate.pick(VALID).zip(lists().of(edits).ofSizeBetween(0, 3), (number, changes) -> {
            String mangled = number;
            for (Edit edit : changes) {
                mangled = edit.applyTo(mangled);
            }
            return mangled;
        });
    }

    /** Inserts {@code text} at {@code position}, replaces the character there by it, or removes that character. */
    private record Edit(int position, int kind, String text) {

        String applyTo(String number) {
            int at = position % (number.length() + 1);
            return switch (kind) {
                case 0 -> number.substring(0, at) + text + number.substring(at);
                case 1 -> at == number.length() ? number + text : number.substring(0, at) + text + number.substring(at + 1);
                default -> at == number.length() ? number : number.substring(0, at) + number.substring(at + 1);
            };
        }
    }
}
