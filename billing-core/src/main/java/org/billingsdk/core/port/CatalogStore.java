package org.billingsdk.core.port;

import java.util.List;
import java.util.Optional;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;

/** Keeps the catalog: products and the plans that price them. Entries never change once stored. Thread-safe. */
public interface CatalogStore {

    /** @throws org.billingsdk.core.DuplicateKeyException if the code is taken */
    void insertProduct(Product product);

    Optional<Product> findProduct(ProductCode code);

    /** Every product, ordered by code. */
    List<Product> findAllProducts();

    /** @throws org.billingsdk.core.DuplicateKeyException if the id is taken */
    void insertPlan(Plan plan);

    Optional<Plan> findPlan(PlanId id);

    /** The plans of one product, ordered by id. */
    List<Plan> findPlans(ProductCode productCode);
}
