package org.billingsdk.core;

/**
 * Which page of a listing to read: a size (1 to 100) and the cursor a previous page gave, or none
 * for the first page. Cursors are opaque; they stay valid while items are added.
 *
 * @param size how many items the page may hold, 1 to 100
 * @param cursor the cursor a previous page gave, or {@code null} for the first page
 */
public record PageRequest(int size, String cursor) {

    /**
     * Checks the size and the cursor.
     *
     * @param size how many items the page may hold, 1 to 100
     * @param cursor the cursor a previous page gave, or {@code null} for the first page
     * @throws IllegalArgumentException if the size is out of range or the cursor is blank or longer
     *     than any cursor the SDK gives
     */
    public PageRequest {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("a page holds 1 to 100 items, was " + size);
        }
        if (cursor != null && (cursor.isBlank() || cursor.length() > 200)) {
            throw new IllegalArgumentException("not a cursor this SDK gave");
        }
    }

    /**
     * The first page of a listing.
     *
     * @param size how many items the page may hold, 1 to 100
     * @return the request
     * @throws IllegalArgumentException if the size is out of range
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
     * @throws IllegalArgumentException if the size is out of range or the cursor is not one the SDK gave
     */
    public static PageRequest after(String cursor, int size) {
        return new PageRequest(size, cursor);
    }
}
