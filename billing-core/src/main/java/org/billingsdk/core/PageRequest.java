package org.billingsdk.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Which page of a listing to read: a size (1 to 100) and the cursor a previous page gave, or none
 * for the first page. Cursors are opaque; they stay valid while items are added. Both often come
 * from a browser's request, so a bad one is refused as {@link InvalidInputException}, naming
 * {@code page.size} or {@code page.cursor}; the listing that reads a cursor refuses any text it
 * did not write itself the same way.
 *
 * @param size how many items the page may hold, 1 to 100
 * @param cursor the cursor a previous page gave, or {@code null} for the first page
 */
public record PageRequest(int size, String cursor) {

    /**
     * The longest cursor text accepted: longer than any the SDK gives (a portal list's cursor
     * carries a company name of up to 200 characters).
     */
    public static final int MAX_CURSOR = 2_000;

    /**
     * Checks the size and the cursor.
     *
     * @param size how many items the page may hold, 1 to 100
     * @param cursor the cursor a previous page gave, or {@code null} for the first page
     * @throws InvalidInputException naming each of {@code page.size} (out of range) and
     *     {@code page.cursor} (blank, or longer than any cursor the SDK gives) that is wrong
     */
    public PageRequest {
        List<Violation> violations = new ArrayList<>(2);
        if (size < 1 || size > 100) {
            violations.add(new Violation("page.size", "must be between 1 and 100"));
        }
        if (cursor != null && (cursor.isBlank() || cursor.length() > MAX_CURSOR)) {
            violations.add(new Violation("page.cursor", "is not a cursor this SDK gave"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * The first page of a listing.
     *
     * @param size how many items the page may hold, 1 to 100
     * @return the request
     * @throws InvalidInputException naming {@code page.size} if the size is out of range
     */
    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }

    /**
     * The page after the one that gave {@code cursor}; {@link Page#next(int)} is the usual way.
     *
     * @param cursor a previous page's {@link Page#nextCursor()}; not blank
     * @param size how many items the page may hold, 1 to 100
     * @return the request
     * @throws InvalidInputException naming {@code page.size} or {@code page.cursor} as the
     *     constructor does
     */
    public static PageRequest after(String cursor, int size) {
        return new PageRequest(size, cursor);
    }
}
