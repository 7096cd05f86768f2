package org.billingsdk.core;

/**
 * Which page of a listing to read: a size (1 to 100) and the cursor a previous page gave, or none
 * for the first page. Cursors are opaque; they stay valid while items are added.
 */
public record PageRequest(int size, String cursor) {

    public PageRequest {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("a page holds 1 to 100 items, was " + size);
        }
        if (cursor != null && (cursor.isBlank() || cursor.length() > 200)) {
            throw new IllegalArgumentException("not a cursor this SDK gave");
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }

    public static PageRequest after(String cursor, int size) {
        return new PageRequest(size, cursor);
    }
}
