package org.billingsdk.core.subscription;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many subscriptions of a list are in each state ({@link SubscriptionQueries#count}), as they
 * are at the time of the read; immutable.
 *
 * @param byState the count of each state, every state present (0 when none)
 */
public record SubscriptionCounts(Map<SubscriptionState, Long> byState) {

    /**
     * Keeps an unmodifiable copy with every state present.
     *
     * @param byState counts by state, none negative; a state absent counts 0
     * @throws IllegalArgumentException if a count is negative
     */
    public SubscriptionCounts {
        Map<SubscriptionState, Long> all = new EnumMap<>(SubscriptionState.class);
        for (SubscriptionState state : SubscriptionState.values()) {
            long count = Objects.requireNonNull(byState, "byState").getOrDefault(state, 0L);
            if (count < 0) {
                throw new IllegalArgumentException("a count is not negative: " + state + " " + count);
            }
            all.put(state, count);
        }
        byState = Map.copyOf(all);
    }

    /**
     * The count of one state.
     *
     * @param state the state; not null
     * @return how many are in it
     */
    public long of(SubscriptionState state) {
        return byState.get(Objects.requireNonNull(state, "state"));
    }

    /** {@return how many there are in all} */
    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }
}
