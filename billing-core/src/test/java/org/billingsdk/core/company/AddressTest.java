package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.billingsdk.core.invoice.Seller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void normalizingStripsAndUpperCasesTheCountry() {
        assertThat(Address.of("Damrak 1", "1012 LG", "Amsterdam", " nl ").normalized().country()).isEqualTo("NL");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ß", "ıt", "ſe", "ﬁ"})
    void normalizingLeavesANonAsciiCountryUnfoldedSoThatItIsRefused(String country) {
        Address normalized = Address.of("Damrak 1", "1012 LG", "Amsterdam", country).normalized();

        assertThat(normalized.country()).isEqualTo(country);
        assertThatIllegalArgumentException().isThrownBy(normalized::countryCode).withMessageContaining("non-ASCII");
    }

    @Test
    void aSellerIsNotEstablishedInACountryFoldedFromNonAsciiLetters() {
        Address dotlessI = Address.of("Via Roma 1", "00184", "Roma", "ıt");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Seller.of("Acme S.r.l.", dotlessI, VatNumber.of("IT00743110157")))
                .withMessageContaining("non-ASCII character U+0131");
    }
}
