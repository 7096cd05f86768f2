package org.billingsdk.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing and the cursor to the next; immutable.
 *
 * @param items this page's items
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param <T> the type of the items
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Keeps an unmodifiable copy of the items.
     *
     * @param items this page's items; not null, no null elements
     * @param nextCursor the cursor of the next page, or {@code null} on the last page
     */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The request for the next page, if there is one.
     *
     * @param size how many items the next page may hold, 1 to 100
     * @return the request after this page's cursor, or empty on the last page
     * @throws InvalidInputException naming {@code page.size} if the size is out of range and there is
     *     a next page
     */
    public Optional<PageRequest> next(int size) {
        return Optional.ofNullable(nextCursor).map(cursor -> PageRequest.after(cursor, size));
    }

    /** {@return whether a next page follows this one} */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * Maps the items, keeping the cursor.
     *
     * @param mapper applied to each item, in order; not null
     * @param <R> the type of the mapped items
     * @return a page of the mapped items with the same next cursor
     */
    public <R> Page<R> map(java.util.function.Function<T, R> mapper) {
        Objects.requireNonNull(mapper);
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
