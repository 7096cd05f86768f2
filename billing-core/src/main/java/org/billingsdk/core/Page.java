package org.billingsdk.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing and the cursor to the next; immutable.
 *
 * @param items this page's items
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** The request for the next page of the same size, if there is one. */
    public Optional<PageRequest> next(int size) {
        return Optional.ofNullable(nextCursor).map(cursor -> PageRequest.after(cursor, size));
    }

    public boolean hasNext() {
        return nextCursor != null;
    }

    /** Maps the items, keeping the cursor. */
    public <R> Page<R> map(java.util.function.Function<T, R> mapper) {
        Objects.requireNonNull(mapper);
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
