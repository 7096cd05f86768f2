package org.billingsdk.core.subscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.ProductCode;

/**
 * Which rows the portal's paged list shows ({@link SubscriptionQueries#list}); immutable. Every
 * criterion is judged as the subscription is at the time of the read ({@link SubscriptionSummary#asOf}):
 * a trial whose end has come is active, a cancellation whose date has come has taken effect.
 * Start from {@link #notCancelled()} (what the portal shows first) or {@link #everyState()} and
 * narrow with the {@code with...} methods:
 *
 * <pre>{@code
 * SubscriptionFilter filter = SubscriptionFilter.notCancelled()
 *         .withProducts(ProductCode.of("edr"))
 *         .withScheduledOnly()
 *         .withCompanyNameContaining("berlin");
 * }</pre>
 *
 * The criteria often come from a browser's request, so a bad one is refused as
 * {@link InvalidInputException} naming {@code filter.states} or {@code filter.companyName}.
 *
 * @param products the products whose subscriptions are shown; empty for every product
 * @param states the states shown; at least one
 * @param scheduledOnly whether only subscriptions with a cancellation or a change of plan or
 *     quantity still to come are shown
 * @param companyNameContains text the company's name contains, ignoring case (as the storage
 *     lowers text: beyond ASCII, a database's locale decides), or {@code null} for every company
 */
public record SubscriptionFilter(Set<ProductCode> products, Set<SubscriptionState> states, boolean scheduledOnly,
        String companyNameContains) {

    /** The longest name text searched for: a company's name is at most 200 characters. */
    public static final int MAX_NAME_TEXT = 200;

    /**
     * Checks the criteria and keeps unmodifiable copies; the name text is stripped of surrounding
     * white space, and blank text means every company.
     *
     * @param products not null, no null elements; empty for every product
     * @param states not null, no null elements, not empty
     * @param scheduledOnly whether only scheduled ones are shown
     * @param companyNameContains {@code null} or text of at most {@value #MAX_NAME_TEXT} characters
     *     without control characters
     * @throws InvalidInputException naming {@code filter.states} (none) and
     *     {@code filter.companyName} (too long, or with control characters), each that is wrong
     */
    public SubscriptionFilter {
        products = Set.copyOf(Objects.requireNonNull(products, "products"));
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
        companyNameContains = companyNameContains == null || companyNameContains.isBlank() ? null
                : companyNameContains.strip();
        List<Violation> violations = new ArrayList<>(2);
        if (states.isEmpty()) {
            violations.add(new Violation("filter.states", "must name at least one state"));
        }
        if (companyNameContains != null && (companyNameContains.length() > MAX_NAME_TEXT
                || companyNameContains.codePoints().anyMatch(Character::isISOControl))) {
            violations.add(new Violation("filter.companyName",
                    "must be at most " + MAX_NAME_TEXT + " characters without control characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** {@return every product, every state but cancelled, any company: what the portal shows first} */
    public static SubscriptionFilter notCancelled() {
        return new SubscriptionFilter(Set.of(), EnumSet.complementOf(EnumSet.of(SubscriptionState.CANCELLED)), false,
                null);
    }

    /** {@return every product, every state, cancelled ones too, any company} */
    public static SubscriptionFilter everyState() {
        return new SubscriptionFilter(Set.of(), EnumSet.allOf(SubscriptionState.class), false, null);
    }

    /**
     * Only these products' subscriptions.
     *
     * @param wanted the products; none for every product
     * @return the narrowed filter
     */
    public SubscriptionFilter withProducts(ProductCode... wanted) {
        return new SubscriptionFilter(new HashSet<>(Arrays.asList(wanted)), states, scheduledOnly, companyNameContains);
    }

    /**
     * Only subscriptions in these states.
     *
     * @param wanted the states; at least one
     * @return the filter
     * @throws InvalidInputException naming {@code filter.states} if none is given
     */
    public SubscriptionFilter withStates(SubscriptionState... wanted) {
        return new SubscriptionFilter(products, new HashSet<>(Arrays.asList(wanted)), scheduledOnly, companyNameContains);
    }

    /** {@return the filter with only subscriptions whose cancellation or change is still to come} */
    public SubscriptionFilter withScheduledOnly() {
        return new SubscriptionFilter(products, states, true, companyNameContains);
    }

    /**
     * Only companies whose name contains the text, ignoring case.
     *
     * @param text the text; blank for every company
     * @return the filter
     * @throws InvalidInputException naming {@code filter.companyName} as the constructor does
     */
    public SubscriptionFilter withCompanyNameContaining(String text) {
        return new SubscriptionFilter(products, states, scheduledOnly, text);
    }
}
