package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.Catalog;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.event.PlanAdded;
import org.billingsdk.core.event.ProductAdded;

/** The implementation of {@link Catalog}. */
public final class CatalogService implements Catalog {

    private final Context context;

    public CatalogService(Context context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
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

    @Override
    public Plan addPlan(NewPlan input) {
        List<Violation> problems = new ArrayList<>();
        try {
            context.validator().check(input);
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
        }
        if (input.maxQuantity() != 0 && input.maxQuantity() < input.minQuantity()) {
            problems.add(new Violation("maxQuantity", "must be 0 (no maximum) or at least minQuantity"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Plan plan = new Plan(PlanId.of(input.id()), ProductCode.of(input.productCode()), input.price(),
                input.interval(), input.trialDays(), input.contractMonths(), input.minQuantity(), input.maxQuantity());
        Instant now = context.now();
        return context.write(Who.PLATFORM, now, changes -> {
            context.product(plan.productCode());
            context.storage().catalog().insertPlan(plan);
            changes.record(new PlanAdded(changes.newId(), now, plan.id(), plan.productCode()));
            return plan;
        });
    }

    @Override
    public Product product(ProductCode code) {
        return context.product(code);
    }

    @Override
    public Plan plan(PlanId id) {
        return context.plan(id);
    }

    @Override
    public List<Product> products() {
        return context.read(() -> context.storage().catalog().findAllProducts());
    }

    @Override
    public List<Plan> plans(ProductCode code) {
        return context.read(() -> context.storage().catalog().findPlans(code));
    }
}
