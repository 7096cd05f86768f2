package org.billingsdk.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.port.InvoiceStore;

/**
 * The billing history's cursor as the portal carries it: the position of the last row of a page
 * (an invoice or a credit note) written as base64url text. A cursor comes back from a browser, so
 * reading one trusts nothing: only the exact text this class writes for a position is read back;
 * any other text is refused as invalid input naming {@code page.cursor}. Cursors of the earlier
 * format, which named invoices only, are still read.
 *
 * <p>The history's order is newest first: by issue time; at one instant credit notes before
 * invoices; then by number sequence and id, descending. A position therefore says where each
 * store's next page starts: after a credit note at time t, the invoices at t all follow; after an
 * invoice at t, no credit note at t does.
 */
final class HistoryCursor {

    /** Names the formats, so that a later one can be told apart. */
    private static final String INVOICES_ONLY = "h1";
    private static final String VERSION = "h2";
    private static final String INVOICE = "I";
    private static final String CREDIT_NOTE = "C";
    /** Issue times a store can hold and answer: years 1 to 9999, as SQL's {@code TIMESTAMP}. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final UUID LOWEST = new UUID(0, 0);
    private static final UUID HIGHEST = new UUID(-1, -1);

    /** Where a page ended: the last row's issue time, kind, sequence and id. */
    record Position(Instant issuedAt, boolean creditNote, long sequence, UUID id) {

        static Position after(Invoice last) {
            return new Position(last.issuedAt(), false, last.number().sequence(), last.id().value());
        }

        static Position after(CreditNote last) {
            return new Position(last.issuedAt(), true, last.number().sequence(), last.id().value());
        }

        /** Where the invoice store's next page starts. */
        InvoiceStore.Cursor invoices() {
            return creditNote ? new InvoiceStore.Cursor(issuedAt, Long.MAX_VALUE, new InvoiceId(HIGHEST))
                    : new InvoiceStore.Cursor(issuedAt, sequence, new InvoiceId(id));
        }

        /** Where the credit-note store's next page starts. */
        CreditNoteStore.Cursor creditNotes() {
            return creditNote ? new CreditNoteStore.Cursor(issuedAt, sequence, new CreditNoteId(id))
                    : new CreditNoteStore.Cursor(issuedAt, 1, new CreditNoteId(LOWEST));
        }
    }

    private HistoryCursor() {
    }

    /** The text of {@code position}. */
    static String write(Position position) {
        String raw = VERSION + ":" + position.issuedAt().getEpochSecond() + ":" + position.issuedAt().getNano() + ":"
                + (position.creditNote() ? CREDIT_NOTE : INVOICE) + ":" + position.sequence() + ":" + position.id();
        return encode(raw);
    }

    /**
     * The position {@code text} names.
     *
     * @throws InvalidInputException naming {@code page.cursor} unless {@code text} is exactly what
     *     {@link #write} gives for some position, or what the earlier format gave for an invoice
     */
    static Position read(String text) {
        Position position = parse(text).orElseThrow(HistoryCursor::refused);
        if (!write(position).equals(text) && !earlier(position).equals(text)) {
            throw refused();
        }
        return position;
    }

    private static String earlier(Position position) {
        return position.creditNote() ? "" : encode(INVOICES_ONLY + ":" + position.issuedAt().getEpochSecond() + ":"
                + position.issuedAt().getNano() + ":" + position.sequence() + ":" + position.id());
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Position> parse(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", -1);
            boolean current = parts.length == 6 && parts[0].equals(VERSION);
            if (!current && !(parts.length == 5 && parts[0].equals(INVOICES_ONLY))) {
                return Optional.empty();
            }
            Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
            String kind = current ? parts[3] : INVOICE;
            long sequence = Long.parseLong(parts[current ? 4 : 3]);
            if (issuedAt.isBefore(EARLIEST) || issuedAt.isAfter(LATEST) || sequence < 1
                    || !kind.equals(INVOICE) && !kind.equals(CREDIT_NOTE)) {
                return Optional.empty();
            }
            UUID id = InvoiceId.of(parts[current ? 5 : 4]).value();
            return Optional.of(new Position(issuedAt, kind.equals(CREDIT_NOTE), sequence, id));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static InvalidInputException refused() {
        return new InvalidInputException(List.of(new Violation("page.cursor", "is not a cursor this SDK gave")));
    }
}
