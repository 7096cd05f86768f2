package org.billingsdk.core.change;

import java.util.ArrayList;
import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.subscription.ChangeTiming;

/**
 * What a change of a subscription asks for: another plan of the same product, another quantity,
 * or both, and optionally when. Made with {@link #toPlan}, {@link #toQuantity} or {@link #to}, then
 * {@link #at} for a timing other than the rules' default; immutable.
 *
 * <pre>{@code
 * billing.subscriptions().change(actor, id, Change.toQuantity(40));
 * billing.subscriptions().change(actor, id, Change.toPlan(basic).at(ChangeTiming.END_OF_PERIOD));
 * }</pre>
 *
 * @param planId the new plan, or {@code null} to keep the current one
 * @param quantity the new quantity, or 0 to keep the current one
 * @param timing when it takes effect, or {@code null} for the rules' default (see {@link ChangeTiming})
 */
public record Change(PlanId planId, int quantity, ChangeTiming timing) {

    /**
     * Takes the components as given; {@link #problems} tells what is wrong with them.
     *
     * @param planId {@code null} keeps the plan
     * @param quantity 0 keeps the quantity
     * @param timing {@code null} for the default
     */
    public Change {
    }

    /**
     * A change to another plan, at the same quantity.
     *
     * @param planId the new plan; not null
     * @return the change, with the default timing
     */
    public static Change toPlan(PlanId planId) {
        return new Change(planId, 0, null);
    }

    /**
     * A change of quantity, on the same plan.
     *
     * @param quantity the new quantity, 1 or more
     * @return the change, with the default timing
     */
    public static Change toQuantity(int quantity) {
        return new Change(null, quantity, null);
    }

    /**
     * A change to another plan and quantity at once.
     *
     * @param planId the new plan; not null
     * @param quantity the new quantity, 1 or more
     * @return the change, with the default timing
     */
    public static Change to(PlanId planId, int quantity) {
        return new Change(planId, quantity, null);
    }

    /**
     * This change at {@code timing} instead of the default.
     *
     * @param when the timing; {@code null} for the default
     * @return the copy
     */
    public Change at(ChangeTiming when) {
        return new Change(planId, quantity, when);
    }

    /**
     * What is wrong with this request, by field: a quantity below zero, or neither a plan nor a
     * quantity named.
     *
     * @return the problems; empty when it is well formed
     */
    public List<Violation> problems() {
        List<Violation> problems = new ArrayList<>();
        if (quantity < 0) {
            problems.add(new Violation("quantity", "must be 1 or more (0 keeps the current quantity), not "
                    + quantity));
        }
        if (planId == null && quantity == 0) {
            problems.add(new Violation("planId", "a change names a plan, a quantity or both"));
        }
        return problems;
    }

    /**
     * Throws when {@link #problems} finds any.
     *
     * @return this change
     * @throws InvalidInputException naming every problem
     */
    public Change requireValid() {
        List<Violation> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return this;
    }
}
