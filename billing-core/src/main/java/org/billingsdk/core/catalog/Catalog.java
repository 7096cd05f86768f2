package org.billingsdk.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.event.PlanAdded;
import org.billingsdk.core.event.ProductAdded;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.Who;

/**
 * The catalog: products and the plans that price them. Changing it is a host operation (no
 * actor); entries never change once added. Obtained from {@code Billing.catalog()}; thread-safe.
 */
public final class Catalog {

    private final Context context;

    /**
     * For {@code Billing}; hosts obtain this from {@code Billing.catalog()}.
     *
     * @param context what the operations share (internal)
     */
    public Catalog(Context context) {
        this.context = Objects.requireNonNull(context);
    }

    /**
     * Adds a product.
     *
     * @param input the code, name and description; name and description are stored trimmed
     * @return the product as stored
     * @throws org.billingsdk.core.InvalidInputException naming every violation
     * @throws org.billingsdk.core.DuplicateKeyException if the code is taken
     */
    public Product addProduct(NewProduct input) {
        context.validator().check(input);
        Product product = new Product(ProductCode.of(input.code()), input.name().trim(), input.description().trim());
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            context.storage().catalog().insertProduct(product);
            changes.record(new ProductAdded(changes.newId(), now, product.code()));
            return product;
        });
    }

    /**
     * Adds a plan for an existing product.
     *
     * @param input the id, product code, price, interval, trial days and contract months
     * @return the plan as stored
     * @throws org.billingsdk.core.InvalidInputException naming every violation
     * @throws NotFoundException if the product does not exist
     * @throws org.billingsdk.core.DuplicateKeyException if the plan id is taken
     */
    public Plan addPlan(NewPlan input) {
        context.validator().check(input);
        Plan plan = new Plan(PlanId.of(input.id()), ProductCode.of(input.productCode()), input.price(),
                input.interval(), input.trialDays(), input.contractMonths());
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            context.product(plan.productCode());
            context.storage().catalog().insertPlan(plan);
            changes.record(new PlanAdded(changes.newId(), now, plan.id(), plan.productCode()));
            return plan;
        });
    }

    /**
     * The latest catalog changes, newest first.
     *
     * @param limit how many records at most, 1 to 1000
     * @return at most {@code limit} audit records about no company: the catalog's additions
     * @throws IllegalArgumentException if the limit is out of range
     */
    public List<AuditRecord> auditTrail(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return context.read(() -> context.storage().audit().findWithoutCompany(limit));
    }

    /**
     * A product of the catalog.
     *
     * @param code the product's code; not null
     * @return the product
     * @throws NotFoundException if there is no such product
     */
    public Product product(ProductCode code) {
        return context.product(code);
    }

    /**
     * A plan of the catalog.
     *
     * @param id the plan's id; not null
     * @return the plan
     * @throws NotFoundException if there is no such plan
     */
    public Plan plan(PlanId id) {
        return context.plan(id);
    }

    /** {@return every product, ordered by code} */
    public List<Product> products() {
        return context.read(() -> context.storage().catalog().findAllProducts());
    }

    /**
     * The plans of a product, ordered by id.
     *
     * @param code the product's code; not null
     * @return its plans; empty for a product without plans or an unknown code
     */
    public List<Plan> plans(ProductCode code) {
        return context.read(() -> context.storage().catalog().findPlans(code));
    }
}
