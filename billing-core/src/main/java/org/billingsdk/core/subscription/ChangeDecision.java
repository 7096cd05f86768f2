package org.billingsdk.core.subscription;

import java.util.Objects;
import org.billingsdk.core.Refusal;

/**
 * What {@link Subscription#decideChange} decided about a change of plan or quantity, without
 * changing anything: now, at a later date, or not at all and why.
 */
public sealed interface ChangeDecision {

    /**
     * The change takes effect now; {@code prorated} tells whether the current period was invoiced,
     * so that its unused time is credited and the rest charged at the new amount.
     *
     * @param prorated whether the change is prorated (false in a trial)
     */
    record Immediate(boolean prorated) implements ChangeDecision {
    }

    /**
     * The change waits for its date.
     *
     * @param change what changes, and when
     */
    record Scheduled(ScheduledChange change) implements ChangeDecision {
        /**
         * Checks the component.
         *
         * @param change not null
         */
        public Scheduled {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * Nothing changes.
     *
     * @param reason the refusal and its code
     */
    record Refused(Refusal reason) implements ChangeDecision {
        /**
         * Checks the component.
         *
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
