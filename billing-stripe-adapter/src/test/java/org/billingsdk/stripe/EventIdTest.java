package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"evt_1Pgc76B7WZ01zgkWwyRHS12y", "evt_8", "x"})
    void keepsStripesIdVerbatimAndPrintsIt(String text) {
        EventId id = EventId.of(text);

        assertThat(id.value()).isEqualTo(text);
        assertThat(id).hasToString(text).isEqualTo(new EventId(text));
    }

    @Test
    void takes255CharactersAtMost() {
        assertThat(EventId.of("e".repeat(255)).value()).hasSize(255);
        assertThatIllegalArgumentException().isThrownBy(() -> EventId.of("e".repeat(256)));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "evt 1", " evt_1", "evt_1\n", "evt\t1", "evt\u00001", "evt\u00a01", "evt\u20281"})
    void refusesEmptyTextWhiteSpaceAndControlCharacters(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> EventId.of(text))
                .withMessage("event id must be 1 to 255 characters without white space or control characters");
    }

    @Test
    void refusesNull() {
        assertThatNullPointerException().isThrownBy(() -> EventId.of(null)).withMessage("event id");
    }
}
