package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyRegistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Events written to the outbox read back equal; instants read as {@link Instant#parse} reads them. */
class EventCodecTest {

    /** Year 0 to 9999, which {@link Instant#toString} writes with four digits. */
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void everyInstantOfFourDigitYearsReadsBackAsWritten() {
        // Nanoseconds of 0, 3, 6 or 9 digits, as Instant.toString writes them.
        qt().forAll(longs().between(FIRST, LAST), integers().between(0, 999_999_999), integers().between(0, 3))
                .checkAssert((seconds, nanos, precision) -> {
                    int kept = nanos - nanos % new int[] {1_000_000_000, 1_000_000, 1_000, 1}[precision];
                    Instant instant = Instant.ofEpochSecond(seconds, kept);
                    assertThat(EventCodec.instant(instant.toString())).isEqualTo(instant);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-01T10:15:30.1Z", "2026-02-01T10:15:30.12345Z", "2024-02-29T23:59:59.999999999Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "2016-12-31T23:59:60Z", "2026-02-01T10:15:30+01:00",
        "2026-02-01T24:00:00Z", "2026-02-01T10:15:30.Z"})
    void otherTextIsReadAsInstantParseReadsIt(String text) {
        assertThat(EventCodec.instant(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-01T10:15:30.1234567890Z",
        "2026-02-01 10:15:30Z", "2026-0a-01T00:00:00Z", "2026-02-01T10:15:30"})
    void malformedTextIsRefusedAsInstantParseRefusesIt(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventCodec.instant(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void anEventReadsBackEqual() {
        BillingEvent event = new CompanyRegistered(UUID.randomUUID(), Instant.parse("2026-02-01T10:15:30.123456Z"),
                CompanyId.of(UUID.randomUUID().toString()), null, "Zoë \"quoted\" \\ \n");

        assertThat(EventCodec.decode(event.type(), EventCodec.encode(event))).isEqualTo(event);
    }
}
