package org.billingsdk.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.InvoiceStore;

/**
 * The billing history's cursor as the portal carries it: the position of the last invoice of a
 * page ({@link InvoiceStore.Cursor}) written as base64url text. A cursor comes back from a
 * browser, so reading one trusts nothing: only the exact text this class writes for a position is
 * read back; any other text is refused as invalid input naming {@code page.cursor}.
 */
public final class HistoryCursor {

    /** Names the format, so that a later one can be told apart. */
    private static final String VERSION = "h1";
    /** Issue times a store can hold and answer: years 1 to 9999, as SQL's {@code TIMESTAMP}. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private HistoryCursor() {
    }

    /** The text of the position after {@code last}. */
    static String write(Invoice last) {
        return write(InvoiceStore.Cursor.after(last));
    }

    private static String write(InvoiceStore.Cursor cursor) {
        String raw = VERSION + ":" + cursor.issuedAt().getEpochSecond() + ":" + cursor.issuedAt().getNano() + ":"
                + cursor.sequence() + ":" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position {@code text} names.
     *
     * @throws InvalidInputException naming {@code page.cursor} unless {@code text} is exactly what
     *     {@link #write} gives for some position
     */
    static InvoiceStore.Cursor read(String text) {
        InvoiceStore.Cursor cursor = parse(text).orElseThrow(HistoryCursor::refused);
        if (!write(cursor).equals(text)) {
            throw refused();
        }
        return cursor;
    }

    private static Optional<InvoiceStore.Cursor> parse(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", -1);
            if (parts.length != 5 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
            long sequence = Long.parseLong(parts[3]);
            if (issuedAt.isBefore(EARLIEST) || issuedAt.isAfter(LATEST) || sequence < 1) {
                return Optional.empty();
            }
            return Optional.of(new InvoiceStore.Cursor(issuedAt, sequence, InvoiceId.of(parts[4])));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static InvalidInputException refused() {
        return new InvalidInputException(List.of(new Violation("page.cursor", "is not a cursor this SDK gave")));
    }
}
