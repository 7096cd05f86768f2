package org.billingsdk.core.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.port.CatalogStore;

final class InMemoryCatalogStore implements CatalogStore {

    private final InMemoryStorage storage;
    private final Map<ProductCode, Product> products = new ConcurrentHashMap<>();
    private final Map<PlanId, Plan> plans = new ConcurrentHashMap<>();

    InMemoryCatalogStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void insertProduct(Product product) {
        storage.write(() -> {
            if (products.putIfAbsent(product.code(), product) != null) {
                throw new DuplicateKeyException(EntityKind.PRODUCT, product.code());
            }
            return product;
        }, inserted -> products.remove(inserted.code()));
    }

    @Override
    public Optional<Product> findProduct(ProductCode code) {
        return Optional.ofNullable(products.get(code));
    }

    @Override
    public List<Product> findAllProducts() {
        return products.values().stream().sorted(Comparator.comparing(p -> p.code().value())).toList();
    }

    @Override
    public void insertPlan(Plan plan) {
        storage.write(() -> {
            if (plans.putIfAbsent(plan.id(), plan) != null) {
                throw new DuplicateKeyException(EntityKind.PLAN, plan.id());
            }
            return plan;
        }, inserted -> plans.remove(inserted.id()));
    }

    @Override
    public Optional<Plan> findPlan(PlanId id) {
        return Optional.ofNullable(plans.get(id));
    }

    @Override
    public List<Plan> findPlans(ProductCode productCode) {
        return plans.values().stream()
                .filter(plan -> plan.productCode().equals(productCode))
                .sorted(Comparator.comparing(p -> p.id().value()))
                .toList();
    }
}
