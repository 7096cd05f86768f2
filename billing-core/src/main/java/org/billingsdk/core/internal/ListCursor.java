package org.billingsdk.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionSummary;

/**
 * The portal list's cursor as a browser carries it: the position of a page's last row (its
 * company's name and id, its start and id) written as base64url text. The name is the one the
 * page showed, so that a company renamed between pages moves alone and the others keep their
 * places; nothing is looked up to read a cursor. A cursor comes back from a browser, so reading
 * one trusts nothing: only the exact text this class writes for a position is read back; any
 * other text is refused as invalid input naming {@code page.cursor}. A well-formed position
 * names at most where a page starts: the list reads only its own scope, whatever it says.
 */
final class ListCursor {

    private static final String VERSION = "l1";
    /** Start times a store can hold and answer: years 1 to 9999, as SQL's {@code TIMESTAMP}. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Where a page ended: the last row's company (name and id), start and subscription. */
    record Position(String companyName, CompanyId companyId, Instant startedAt, SubscriptionId subscriptionId) {

        static Position after(SubscriptionStore.Listed last) {
            return new Position(last.companyName(), last.summary().companyId(), last.summary().startedAt(),
                    last.summary().id());
        }

        /** The same position in the store's terms, for a page below the list's company. */
        SubscriptionStore.ListPosition below() {
            return new SubscriptionStore.ListPosition(companyName, companyId, startedAt, subscriptionId);
        }

        /** Whether a subscription of the same company comes after this position (by start, then id). */
        boolean isBefore(SubscriptionSummary summary) {
            int started = summary.startedAt().compareTo(startedAt);
            return started > 0 || started == 0 && summary.id().compareTo(subscriptionId) > 0;
        }
    }

    private ListCursor() {
    }

    /** The text of {@code position}. */
    static String write(Position position) {
        // The name goes last: it may hold the separator.
        String raw = VERSION + ":" + position.companyId() + ":" + position.startedAt().getEpochSecond() + ":"
                + position.startedAt().getNano() + ":" + position.subscriptionId() + ":" + position.companyName();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position {@code text} names.
     *
     * @throws InvalidInputException naming {@code page.cursor} unless {@code text} is exactly what
     *     {@link #write} gives for some position
     */
    static Position read(String text) {
        Position position = parse(text).orElseThrow(ListCursor::refused);
        if (!write(position).equals(text)) {
            throw refused();
        }
        return position;
    }

    private static Optional<Position> parse(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 6);
            if (parts.length != 6 || !parts[0].equals(VERSION) || parts[5].length() > 200) {
                return Optional.empty();
            }
            Instant startedAt = Instant.ofEpochSecond(Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
            if (startedAt.isBefore(EARLIEST) || startedAt.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new Position(parts[5], CompanyId.of(parts[1]), startedAt, SubscriptionId.of(parts[4])));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    static InvalidInputException refused() {
        return new InvalidInputException(List.of(new Violation("page.cursor", "is not a cursor this SDK gave")));
    }
}
