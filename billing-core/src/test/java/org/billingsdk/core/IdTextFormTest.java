package org.billingsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.PaymentId;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every id type reads only the canonical 36-character text of a UUID, so that two different texts
 * never name one id: {@link UUID#fromString} also takes shorter groups and drops the extra digits
 * of longer ones ({@code 123456789-1-1-1-1} and {@code 23456789-1-1-1-1} are one UUID to it).
 */
class IdTextFormTest {

    /** Each id type's {@code of}, answering the UUID it holds. */
    static List<Function<String, UUID>> idTypes() {
        return List.of(
                text -> CompanyId.of(text).value(),
                text -> InvoiceId.of(text).value(),
                text -> PaymentId.of(text).value(),
                text -> PaymentMethodId.of(text).value(),
                text -> SetupId.of(text).value(),
                text -> SubscriptionId.of(text).value());
    }

    @ParameterizedTest
    @MethodSource("idTypes")
    void theDigitDroppingFormsUuidFromStringAcceptsAreRefused(Function<String, UUID> of) {
        assertThatThrownBy(() -> of.apply("123456789-1-1-1-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("36 characters");
        assertThatThrownBy(() -> of.apply("23456789-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of.apply("0-0-0-0-0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of.apply("00000000-0000-0000-0000-0000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("idTypes")
    void theCanonicalFormIsReadInEitherCaseAndWrittenBackInLowerCase(Function<String, UUID> of) {
        UUID id = UUID.randomUUID();
        assertThat(of.apply(id.toString())).isEqualTo(id);
        assertThat(of.apply(id.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "123e4567-e89b-42d3-a456-42661417400g",  // not hex
        "123e4567-e89b-42d3-a456_426614174000",  // wrong separator
        "123e4567e89b-42d3-a456-4266141740000",  // dash moved
        "１23e4567-e89b-42d3-a456-426614174000",  // full-width digit, which Character.digit reads
        "+23e4567-e89b-42d3-a456-426614174000",
        " 123e4567-e89b-42d3-a456-42661417400",
        ""})
    void anythingButFiveHexGroupsOf8_4_4_4_12IsRefused(String text) {
        for (Function<String, UUID> of : idTypes()) {
            assertThatThrownBy(() -> of.apply(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void anyTextAnIdTypeAcceptsIsTheTextOfItsUuid() {
        qt().withExamples(5_000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            for (Function<String, UUID> of : idTypes()) {
                UUID read;
                try {
                    read = of.apply(text);
                } catch (IllegalArgumentException refused) {
                    continue;
                }
                assertThat(read.toString()).isEqualToIgnoringCase(text);
            }
        });
        qt().withExamples(5_000).forAll(strings().betweenCodePoints('-', 'g').ofLengthBetween(30, 40))
                .checkAssert(text -> {
                    for (Function<String, UUID> of : idTypes()) {
                        try {
                            assertThat(of.apply(text).toString()).isEqualToIgnoringCase(text);
                        } catch (IllegalArgumentException refused) {
                            // refused: fine
                        }
                    }
                });
    }
}
